/**
 * A hotel's rooms for a stay (GET /api/hotels/:id/rooms, inventory's live answer) and the
 * booking form. Loaded on demand from the hotel page: the first page's bundle does not carry
 * the booking flow. The stay lives in the address (`?check_in=&check_out=&guests=`), so a
 * search's link opens the hotel on its dates and the back button keeps them.
 */
import { BedDouble, CreditCard } from 'lucide-react';
import * as React from 'react';
import { ErrorPanel } from '@/components/error-panel.tsx';
import { StayPicker } from '@/components/stay-picker.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { ApiError } from '@/lib/api-error.ts';
import { createAttemptKeys } from '@/lib/attempt-key.ts';
import { bookings, myBookings } from '@/lib/booking-api.ts';
import type { BookingRequest, HotelRooms } from '@/lib/booking-client.ts';
import { bookingFormErrors, type BookingFormErrors } from '@/lib/booking-form.ts';
import type { Hotel } from '@/lib/hotel.ts';
import { formatMoney, perNight } from '@/lib/money.ts';
import { navigate } from '@/lib/navigation.tsx';
import { hrefs } from '@/lib/routes.ts';
import { completeStay, DEFAULT_GUESTS, formatStay, plural, stayFromParams, stayProblem, utcToday, type Stay, type StayDraft } from '@/lib/stay.ts';
import { testCards, testExpiry } from '@/lib/test-cards.ts';
import { useAsync } from '@/lib/use-async.ts';

type RoomType = HotelRooms['roomTypes'][number];

export default function HotelRoomsSection({ hotel, search }: { hotel: Hotel; search: string }) {
  const stay = stayFromParams(new URLSearchParams(search));
  const today = utcToday(new Date());
  const [draft, setDraft] = React.useState<StayDraft>(stay ?? { guests: DEFAULT_GUESTS });
  React.useEffect(() => setDraft(stayFromParams(new URLSearchParams(search)) ?? { guests: DEFAULT_GUESTS }), [search]);
  const choose = (next: StayDraft) => {
    setDraft(next);
    const whole = completeStay(next);
    // A whole stay goes to the address (and so to the list below); half of one waits.
    if (whole) navigate(hrefs.hotelForStay(hotel.id, whole), { replace: true });
  };
  const problem = stay ? stayProblem(stay, today) : undefined;
  return (
    <section aria-labelledby="rooms-heading" className="grid gap-4">
      <h2 id="rooms-heading" className="text-xl font-semibold">
        Rooms
      </h2>
      <StayPicker idPrefix="rooms" value={draft} onChange={choose} today={today} />
      {!stay && <p className="text-sm text-muted-foreground">Choose your dates to see which rooms are free and what the stay costs.</p>}
      {stay && problem && (
        <p role="alert" className="text-sm font-medium text-destructive">
          {problem}
        </p>
      )}
      {stay && !problem && <RoomList hotel={hotel} stay={stay} />}
    </section>
  );
}

function RoomList({ hotel, stay }: { hotel: Hotel; stay: Stay }) {
  const rooms = useAsync(() => bookings.rooms(hotel.id, stay), [hotel.id, stay.checkIn, stay.checkOut, stay.guests]);
  const [booking, setBooking] = React.useState<RoomType>();
  if (rooms.status === 'loading') {
    return (
      <div className="grid gap-3" role="status" aria-label="Loading rooms">
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-20 w-full" />
      </div>
    );
  }
  if (rooms.status === 'error') {
    if (rooms.error instanceof ApiError && rooms.error.code === 'hotel_not_found') {
      return <p className="rounded-lg border border-dashed p-6 text-center">This hotel sells no rooms through the platform yet.</p>;
    }
    return <ErrorPanel title="Rooms could not be loaded" message={rooms.error.message} onRetry={rooms.reload} />;
  }
  const { roomTypes, nights } = rooms.data;
  return (
    <>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {formatStay(stay)}
      </p>
      {roomTypes.length === 0 ? (
        <p className="rounded-lg border border-dashed p-6 text-center">No room here sleeps {plural(stay.guests, 'guest')}. Try fewer guests.</p>
      ) : (
        <ul className="grid gap-3" aria-label="Room types">
          {roomTypes.map((room) => (
            <li key={room.id}>
              <Card>
                <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3 space-y-0">
                  <div className="grid gap-1">
                    <CardTitle className="flex items-center gap-2 text-lg">
                      <BedDouble className="size-5 text-primary" aria-hidden="true" />
                      {room.name}
                    </CardTitle>
                    <CardDescription>Sleeps {room.capacity}</CardDescription>
                  </div>
                  {room.available > 0 ? (
                    <Badge variant={room.available <= 2 ? 'secondary' : 'success'} data-testid="rooms-left">
                      {room.available === 1 ? 'Last room' : `${room.available} rooms left`}
                    </Badge>
                  ) : (
                    <Badge variant="destructive" data-testid="rooms-left">
                      Sold out
                    </Badge>
                  )}
                </CardHeader>
                <CardContent className="flex flex-wrap items-end justify-between gap-3">
                  <p>
                    <span className="text-xl font-semibold" data-testid="room-total">
                      {formatMoney(room.total)}
                    </span>{' '}
                    <span className="text-sm text-muted-foreground">
                      for {plural(nights, 'night')} ({formatMoney(perNight(room.total, nights))} a night)
                    </span>
                  </p>
                  <Button onClick={() => setBooking(room)} disabled={room.available === 0} aria-label={`Book ${room.name}`}>
                    Book
                  </Button>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {booking && <BookDialog hotel={hotel} stay={stay} nights={nights} room={booking} onClose={() => setBooking(undefined)} />}
    </>
  );
}

function BookDialog({ hotel, stay, nights, room, onClose }: { hotel: Hotel; stay: Stay; nights: number; room: RoomType; onClose: () => void }) {
  const [name, setName] = React.useState('');
  const [email, setEmail] = React.useState('');
  const [card, setCard] = React.useState(testCards[0]!.number);
  const [errors, setErrors] = React.useState<BookingFormErrors>({ fields: {}, form: [] });
  const [busy, setBusy] = React.useState(false);
  // One key per attempt: a retry of the same form reuses it (the service answers the same
  // booking); the ref stops a second submit before React has re-rendered the disabled button.
  const keys = React.useRef(createAttemptKeys());
  const sending = React.useRef(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setErrors({ fields: {}, form: [] });
    const request: BookingRequest = {
      hotelId: hotel.id,
      roomTypeId: room.id,
      ...stay,
      guest: { name: name.trim(), email: email.trim() },
      card: { number: card, ...testExpiry(new Date()) },
    };
    try {
      const booked = await bookings.book(request, keys.current.keyFor(request));
      const pin = booked.pin ?? myBookings.find(booked.number)?.pin;
      if (pin) {
        myBookings.save({ number: booked.number, pin, hotelId: hotel.id, hotelName: hotel.name, checkIn: stay.checkIn, checkOut: stay.checkOut, savedAt: new Date().toISOString() });
      }
      navigate(hrefs.booking(booked.number), { state: { justBooked: true } });
    } catch (error) {
      setErrors(bookingFormErrors(error));
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && !sending.current && onClose()}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Book {room.name}</DialogTitle>
          <DialogDescription>
            {hotel.name} · {formatStay(stay)} · {formatMoney(room.total)} for {plural(nights, 'night')}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          {errors.form.length > 0 && (
            <div role="alert" className="grid gap-1 rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm text-destructive">
              {errors.form.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          )}
          <FormField id="book-name" label="Name" error={errors.fields.name}>
            <Input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
          </FormField>
          <FormField id="book-email" label="Email" error={errors.fields.email}>
            <Input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </FormField>
          <fieldset className="grid gap-2" aria-describedby="book-card-hint">
            <legend className="mb-1 flex items-center gap-2 text-sm font-medium">
              <CreditCard className="size-4" aria-hidden="true" />
              Test card
            </legend>
            <p id="book-card-hint" className="text-sm text-muted-foreground">
              This platform takes test cards only; each one makes the payment end a known way.
            </p>
            {testCards.map((testCard) => (
              <label key={testCard.number} className="flex cursor-pointer items-start gap-3 rounded-md border p-3 has-[:checked]:border-primary has-[:checked]:bg-accent">
                <input type="radio" name="card" value={testCard.number} checked={card === testCard.number} onChange={() => setCard(testCard.number)} className="mt-1 size-4 accent-[var(--primary)]" />
                <span className="grid gap-0.5">
                  <span className="font-mono text-sm">{testCard.spaced}</span>
                  <span className="text-sm font-medium">{testCard.label}</span>
                  <span className="text-sm text-muted-foreground">{testCard.hint}</span>
                </span>
              </label>
            ))}
            {errors.fields.card && <p className="text-sm font-medium text-destructive">{errors.fields.card}</p>}
          </fieldset>
          <Button type="submit" disabled={busy}>
            {busy ? 'Booking…' : `Book and pay ${formatMoney(room.total)}`}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
