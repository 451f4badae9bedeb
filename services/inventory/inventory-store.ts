/**
 * The inventory database as the synchronous side reads it (the saga's holds write it
 * elsewhere). Every statement is parameterized; the account is the service's own,
 * granted only the `inventory` database.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

export interface RoomType {
  id: number;
  hotelId: number;
  name: string;
  capacity: number;
  roomCount: number;
  nightlyPriceMinor: number;
  currency: string;
}

/** What room_nights holds for one room type over a stay's nights. */
export interface StockedNights {
  /** How many of the stay's nights have a row. */
  nights: number;
  fewestAvailable: number;
}

export interface InventoryStore {
  roomType(hotelId: number, roomTypeId: number): Promise<RoomType | undefined>;
  /** A hotel's room types, by id. */
  roomTypes(hotelId: number): Promise<RoomType[]>;
  /** For each room type with a row in [checkIn, checkOut): its stocked nights and fewest free rooms. */
  stockedNights(roomTypeIds: number[], checkIn: string, checkOut: string): Promise<Map<number, StockedNights>>;
  ping(): Promise<void>;
}

const roomTypeColumns = 'id, hotel_id, name, capacity, room_count, nightly_price_minor, currency';

interface RoomTypeRow extends RowDataPacket {
  id: number;
  hotel_id: number;
  name: string;
  capacity: number;
  room_count: number;
  nightly_price_minor: number;
  currency: string;
}

function rowToRoomType(row: RoomTypeRow): RoomType {
  return {
    id: Number(row.id),
    hotelId: Number(row.hotel_id),
    name: row.name,
    capacity: row.capacity,
    roomCount: row.room_count,
    nightlyPriceMinor: row.nightly_price_minor,
    currency: row.currency,
  };
}

export function createMysqlInventoryStore(pool: Pool): InventoryStore {
  return {
    async roomType(hotelId, roomTypeId) {
      const [rows] = await pool.execute<RoomTypeRow[]>(`SELECT ${roomTypeColumns} FROM room_types WHERE id = ? AND hotel_id = ?`, [roomTypeId, hotelId]);
      return rows[0] ? rowToRoomType(rows[0]) : undefined;
    },
    async roomTypes(hotelId) {
      const [rows] = await pool.execute<RoomTypeRow[]>(`SELECT ${roomTypeColumns} FROM room_types WHERE hotel_id = ? ORDER BY id`, [hotelId]);
      return rows.map(rowToRoomType);
    },
    async stockedNights(roomTypeIds, checkIn, checkOut) {
      const stocked = new Map<number, StockedNights>();
      if (roomTypeIds.length === 0) return stocked;
      // query, not execute: a prepared statement cannot take a list for IN (?); the values are still escaped.
      const [rows] = await pool.query<RowDataPacket[]>(
        'SELECT room_type_id, COUNT(*) AS nights, MIN(available) AS fewest FROM room_nights WHERE room_type_id IN (?) AND night >= ? AND night < ? GROUP BY room_type_id',
        [roomTypeIds, checkIn, checkOut],
      );
      for (const row of rows) stocked.set(Number(row.room_type_id), { nights: Number(row.nights), fewestAvailable: Number(row.fewest) });
      return stocked;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
  };
}
