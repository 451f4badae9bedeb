/**
 * The guest's own bookings on this device (localStorage), so "Manage booking" lists them
 * without typing. Each entry holds what the confirmation showed: the number and the PIN,
 * and enough to name the stay. Nothing else reads it; the storage is a parameter so the
 * rules are tested without a browser. A broken or foreign entry is skipped, never thrown.
 */
export interface SavedBooking {
  number: string;
  pin: string;
  hotelId: number;
  hotelName: string;
  checkIn: string;
  checkOut: string;
  savedAt: string;
}

export const STORAGE_KEY = 'booking-devstack.my-bookings';
/** Enough for anyone's own bookings; the oldest go first. */
export const MAX_SAVED = 20;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export interface MyBookings {
  list(): SavedBooking[];
  find(number: string): SavedBooking | undefined;
  save(booking: SavedBooking): void;
  forget(number: string): void;
}

export function createMyBookings(storage: KeyValueStore | undefined = safeLocalStorage()): MyBookings {
  const read = (): SavedBooking[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isSavedBooking) : [];
    } catch {
      return [];
    }
  };
  const write = (bookings: SavedBooking[]) => {
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify(bookings.slice(0, MAX_SAVED)));
    } catch {
      // Storage full or refused (private mode): the booking still exists; only the shortcut is lost.
    }
  };
  return {
    list: read,
    find: (number) => read().find((b) => b.number === number),
    save: (booking) => write([booking, ...read().filter((b) => b.number !== booking.number)]),
    forget: (number) => write(read().filter((b) => b.number !== number)),
  };
}

function safeLocalStorage(): KeyValueStore | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function isSavedBooking(value: unknown): value is SavedBooking {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    typeof b.number === 'string' &&
    typeof b.pin === 'string' &&
    typeof b.hotelId === 'number' &&
    typeof b.hotelName === 'string' &&
    typeof b.checkIn === 'string' &&
    typeof b.checkOut === 'string' &&
    typeof b.savedAt === 'string'
  );
}
