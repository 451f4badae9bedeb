/** Extra sample hotels `npm run seed` adds through the API (the MySQL init script loads six others). */
import type { HotelFields } from '../platform-client/api-client.ts';

export const sampleHotels: HotelFields[] = [
  { name: 'Riverside Lofts', city: 'Porto', stars: 4, description: 'Converted warehouse lofts on the Douro quay.' },
  { name: 'Castle Hill Guesthouse', city: 'Edinburgh', stars: 3, description: 'Stone rooms below the castle, with a hearty breakfast.' },
  { name: 'Lagoon Palazzo', city: 'Venice', stars: 5, description: 'A restored palazzo with a private water-taxi landing.' },
  { name: 'Fjord Cabins', city: 'Bergen', stars: 3, description: 'Timber cabins on the water, kayaks included.' },
  { name: 'Design Hotel Mitte', city: 'Berlin', stars: 4, description: 'Minimalist rooms, a rooftop bar and good coffee.' },
  { name: 'Souk Riad', city: 'Marrakesh', stars: 4, description: 'A riad with a courtyard fountain near the medina.' },
];

/** Same hotel = same name and city, ignoring case: what makes seeding idempotent. */
export function sameHotel(a: HotelFields, b: HotelFields): boolean {
  return a.name.toLowerCase() === b.name.toLowerCase() && a.city.toLowerCase() === b.city.toLowerCase();
}
