import { MapPin } from 'lucide-react';
import type * as React from 'react';
import { Stars } from '@/components/stars.tsx';
import { CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import type { Hotel } from '@/lib/hotel.ts';

/** Name, stars and city: the head of a result card and of the detail page. */
export function HotelHeading({ hotel, title, className }: { hotel: Hotel; title: React.ReactNode; className?: string }) {
  return (
    <CardHeader className={className}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <CardTitle>{title}</CardTitle>
        <Stars count={hotel.stars} />
      </div>
      <CardDescription className="flex items-center gap-1">
        <MapPin className="size-4" aria-hidden="true" />
        {hotel.city}
      </CardDescription>
    </CardHeader>
  );
}
