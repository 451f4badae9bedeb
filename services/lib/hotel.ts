/**
 * The hotel, declared once: the fields a client writes, and what the platform stores
 * and answers with. The API's input validation, the MySQL row, the search document,
 * the host-side client (scripts/lib/platform-client) and the e2e client derive their
 * types and field lists from here. Plain TypeScript without dependencies: the
 * services' runtime image has no devDependencies.
 */

/** The fields a client sends on POST /api/hotels and PUT /api/hotels/:id, in column order. */
export const HOTEL_INPUT_FIELDS = ['name', 'city', 'stars', 'description'] as const;

export type HotelInputField = (typeof HOTEL_INPUT_FIELDS)[number];

/** The written fields after validation: text trimmed, an empty description stored as null. */
export interface HotelInput {
  name: string;
  city: string;
  stars: number;
  description: string | null;
}

/** The hotel as the API returns it; the search document carries the same names. */
export interface Hotel extends HotelInput {
  id: number;
  /** Raised by the database on every write; the search index keeps the newest. */
  version: number;
  /** ISO-8601 UTC. */
  created_at: string;
  updated_at: string;
}

/** What a client may send: `description` can be left out. */
export type HotelWrite = Omit<HotelInput, 'description'> & Partial<Pick<HotelInput, 'description'>>;

// Type-checked: the field list and HotelInput name the same fields (typecheck fails otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type InputFieldsListed = Assert<Same<HotelInputField, keyof HotelInput>>;
