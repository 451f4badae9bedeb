/** "Manage booking": this device's own bookings, one click each, and a lookup by number and PIN. */
import { Ticket } from 'lucide-react';
import { BookingLookup } from '@/components/booking-lookup.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { myBookings } from '@/lib/booking-api.ts';
import { Link, navigate } from '@/lib/navigation.tsx';
import { hrefs } from '@/lib/routes.ts';
import { formatDay } from '@/lib/stay.ts';

export default function ManageBookingsPage() {
  const saved = myBookings.list();
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Find a booking</CardTitle>
          <CardDescription>The confirmation number and the PIN are on the confirmation.</CardDescription>
        </CardHeader>
        <CardContent>
          <BookingLookup onFound={(booking) => navigate(hrefs.booking(booking.number))} />
        </CardContent>
      </Card>
      <section aria-labelledby="saved-heading" className="grid gap-3">
        <h2 id="saved-heading" className="text-lg font-semibold">
          Your bookings on this device
        </h2>
        {saved.length === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
            None yet. A booking made here, or found above, is remembered on this device.
          </p>
        ) : (
          <ul className="grid gap-2">
            {saved.map((booking) => (
              <li key={booking.number}>
                <Link
                  href={hrefs.booking(booking.number)}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border p-3 hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <Ticket className="size-4 text-primary" aria-hidden="true" />
                  <span className="font-mono">{booking.number}</span>
                  <span className="font-medium">{booking.hotelName}</span>
                  <span className="text-sm text-muted-foreground">
                    {formatDay(booking.checkIn)} → {formatDay(booking.checkOut)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
