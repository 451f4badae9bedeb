/**
 * One booking, live: its saga's steps as they happen (polled) until CONFIRMED or CANCELLED
 * with the reason in plain words; the confirmation number and PIN (shown here, sent nowhere
 * but the booking service); cancel, with the refund and the room's release shown as they
 * come. The PIN comes from this device's bookings, or the guest types it.
 */
import { CheckCircle2, Circle, CircleDot, RotateCcw, XCircle } from 'lucide-react';
import * as React from 'react';
import { BookingLookup } from '@/components/booking-lookup.tsx';
import { ConfirmActionDialog } from '@/components/confirm-action-dialog.tsx';
import { ErrorPanel } from '@/components/error-panel.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { ApiError } from '@/lib/api-error.ts';
import { bookings, myBookings } from '@/lib/booking-api.ts';
import type { BookingView } from '@/lib/booking-client.ts';
import { formatMoney } from '@/lib/money.ts';
import { Link } from '@/lib/navigation.tsx';
import { hrefs } from '@/lib/routes.ts';
import { sagaView, type ProgressStatus, type SagaViewModel } from '@/lib/saga-view.ts';
import { formatStay } from '@/lib/stay.ts';
import { useBookingPoll } from '@/lib/use-booking-poll.ts';

export default function BookingPage({ number }: { number: string }) {
  const [pin, setPin] = React.useState(() => myBookings.find(number)?.pin);
  if (!pin) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Booking {number}</CardTitle>
          <CardDescription>This device does not know this booking&apos;s PIN: type it to see the booking.</CardDescription>
        </CardHeader>
        <CardContent>
          <BookingLookup number={number} onFound={(_booking, found) => setPin(found)} />
        </CardContent>
      </Card>
    );
  }
  return <LiveBooking number={number} pin={pin} onForget={() => setPin(undefined)} />;
}

function LiveBooking({ number, pin, onForget }: { number: string; pin: string; onForget: () => void }) {
  const poll = useBookingPoll(() => bookings.get(number, pin), [number, pin]);
  if (!poll.booking && poll.error) {
    const notFound = poll.error instanceof ApiError && poll.error.status === 404;
    return (
      <div className="grid gap-3">
        <ErrorPanel title={notFound ? 'Booking not found' : 'The booking could not be read'} message={poll.error.message} onRetry={notFound ? undefined : poll.restart} />
        {notFound && (
          <Button
            variant="outline"
            className="w-fit"
            onClick={() => {
              myBookings.forget(number);
              onForget();
            }}
          >
            Forget it on this device and type the PIN
          </Button>
        )}
      </div>
    );
  }
  if (!poll.booking) {
    return (
      <div className="grid gap-3 rounded-lg border p-6" role="status" aria-label="Loading the booking">
        <Skeleton className="h-7 w-1/2" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  const booking = poll.booking;
  const view = sagaView(booking);
  const hotelName = myBookings.find(number)?.hotelName ?? `Hotel ${booking.hotelId}`;
  return (
    <div className="grid gap-4">
      <Card data-testid="booking-status" data-state={booking.state}>
        <CardHeader>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CardTitle>{view.headline}</CardTitle>
            <StateBadge state={booking.state} />
          </div>
          <CardDescription>
            <Link href={hrefs.hotel(booking.hotelId)} className="underline">
              {hotelName}
            </Link>{' '}
            · {formatStay(booking)} · {formatMoney(booking.total)}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-muted p-3">
            <dt className="text-sm text-muted-foreground">Confirmation number</dt>
            <dd className="font-mono text-lg font-semibold" data-testid="booking-number">
              {booking.number}
            </dd>
            <dt className="text-sm text-muted-foreground">PIN</dt>
            <dd className="font-mono text-lg font-semibold" data-testid="booking-pin">
              {pin}
            </dd>
          </dl>
          <p className="text-sm text-muted-foreground">Keep both: with them you can read or cancel this booking from anywhere. This device remembers them.</p>
          <p aria-live="polite" className="font-medium" data-testid="saga-now">
            {view.now ?? ''}
          </p>
          {view.reason && (
            <p role="status" className="rounded-md border border-destructive/50 bg-destructive/5 p-3 font-medium" data-testid="cancel-reason">
              {view.reason}
            </p>
          )}
          <Outcomes view={view} />
          <Progress view={view} />
          <Timeline view={view} />
        </CardContent>
        {view.canCancel && (
          <CardFooter>
            <CancelBooking
              number={number}
              pin={pin}
              onCancelled={(answer) => {
                poll.show(answer);
                poll.restart();
              }}
            />
          </CardFooter>
        )}
      </Card>
      <Link href={hrefs.bookings()} className="w-fit text-sm text-primary underline">
        All your bookings
      </Link>
    </div>
  );
}

function StateBadge({ state }: { state: BookingView['state'] }) {
  const variant = state === 'CONFIRMED' ? 'success' : state === 'CANCELLED' ? 'destructive' : 'secondary';
  return <Badge variant={variant}>{state.replace('_', ' ')}</Badge>;
}

function Outcomes({ view }: { view: SagaViewModel }) {
  return (
    <div className="grid gap-2" aria-live="polite">
      {view.refunded && (
        <p className="rounded-md bg-success/10 p-3 text-sm font-medium" data-testid="refunded">
          Your payment was refunded.
        </p>
      )}
      {view.nothingCharged && <p className="rounded-md bg-success/10 p-3 text-sm font-medium">Nothing was charged to your card.</p>}
      {view.roomsCameBack && (
        <p className="rounded-md bg-success/10 p-3 text-sm font-medium" data-testid="rooms-came-back">
          The room came back on sale: it is free again for these dates.
        </p>
      )}
    </div>
  );
}

const progressIcon: Record<ProgressStatus, React.ReactNode> = {
  done: <CheckCircle2 className="size-4 text-success" aria-hidden="true" />,
  current: <CircleDot className="size-4 animate-pulse text-primary" aria-hidden="true" />,
  pending: <Circle className="size-4 text-muted-foreground" aria-hidden="true" />,
  failed: <XCircle className="size-4 text-destructive" aria-hidden="true" />,
};
const progressWords: Record<ProgressStatus, string> = { done: 'done', current: 'under way', pending: 'not yet', failed: 'failed' };

function Progress({ view }: { view: SagaViewModel }) {
  return (
    <section aria-labelledby="progress-heading" className="grid gap-2">
      <h3 id="progress-heading" className="text-sm font-semibold">
        Steps
      </h3>
      <ol className="grid gap-1 sm:grid-cols-4">
        {view.progress.map((step) => (
          <li key={step.step} className="flex items-center gap-2 text-sm" data-status={step.status}>
            {progressIcon[step.status]}
            <span>{step.label}</span>
            <span className="sr-only">: {progressWords[step.status]}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Timeline({ view }: { view: SagaViewModel }) {
  return (
    <section aria-labelledby="timeline-heading" className="grid gap-2">
      <h3 id="timeline-heading" className="text-sm font-semibold">
        What happened
      </h3>
      <ol className="grid gap-1 border-l pl-4" data-testid="saga-events">
        {view.events.map((event) => (
          <li key={event.seq} className="flex flex-wrap items-baseline gap-x-2 text-sm">
            {event.tone === 'undo' && <RotateCcw className="size-3 self-center" aria-hidden="true" />}
            <span className={event.tone === 'failed' ? 'font-medium text-destructive' : undefined}>{event.label}</span>
            <span className="text-xs text-muted-foreground">
              {event.participant} · <time dateTime={event.at}>{new Date(event.at).toLocaleTimeString()}</time>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function CancelBooking({ number, pin, onCancelled }: { number: string; pin: string; onCancelled: (booking: BookingView) => void }) {
  return (
    <ConfirmActionDialog
      trigger={<Button variant="destructive">Cancel booking</Button>}
      title={`Cancel booking ${number}?`}
      description="Your payment is refunded and the room goes back on sale. This cannot be undone."
      confirmLabel="Cancel and refund"
      busyLabel="Cancelling…"
      keepLabel="Keep it"
      action={async () => onCancelled(await bookings.cancel(number, pin))}
    />
  );
}
