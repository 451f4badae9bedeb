/**
 * "Find your booking": the confirmation number and the PIN, checked by the booking service
 * (the only place the PIN is sent). A wrong PIN and an unknown number get the service's one
 * answer, shown as it is, so the page tells a stranger nothing either. Found, the booking is
 * remembered on this device.
 */
import * as React from 'react';
import { Button } from '@/components/ui/button.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { api } from '@/lib/api.ts';
import { bookings, myBookings } from '@/lib/booking-api.ts';
import type { BookingView } from '@/lib/booking-client.ts';

export function BookingLookup({ number: fixedNumber, onFound }: { number?: string; onFound: (booking: BookingView, pin: string) => void }) {
  const [number, setNumber] = React.useState(fixedNumber ?? '');
  const [pin, setPin] = React.useState('');
  const [error, setError] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const digits = number.replace(/\s+/g, '');
    try {
      const booking = await bookings.get(digits, pin.trim());
      // The hotel's name for the list; the booking is found whether or not the catalog answers.
      const hotelName = await api.getHotel(booking.hotelId).then((h) => h.name, () => `Hotel ${booking.hotelId}`);
      myBookings.save({ number: booking.number, pin: pin.trim(), hotelId: booking.hotelId, hotelName, checkIn: booking.checkIn, checkOut: booking.checkOut, savedAt: new Date().toISOString() });
      onFound(booking, pin.trim());
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label="Find a booking">
      {error && (
        <p role="alert" className="text-sm font-medium text-destructive sm:col-span-3">
          {capitalize(error)}
        </p>
      )}
      {fixedNumber === undefined && (
        <FormField id="lookup-number" label="Confirmation number">
          <Input inputMode="numeric" autoComplete="off" value={number} onChange={(e) => setNumber(e.target.value)} required />
        </FormField>
      )}
      <FormField id="lookup-pin" label="PIN">
        <Input inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} required />
      </FormField>
      <Button type="submit" disabled={busy}>
        {busy ? 'Looking…' : 'Find booking'}
      </Button>
    </form>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');
}
