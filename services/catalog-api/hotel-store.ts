/** Hotels in MySQL. Every statement is parameterized (`?` placeholders); no value is ever spliced into SQL. */
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { HotelInput } from './hotel-input.ts';
import { hotelColumns, rowToHotel, type Hotel, type HotelRow } from './hotel-row.ts';

export interface HotelStore {
  create(input: HotelInput): Promise<Hotel>;
  get(id: number): Promise<Hotel | undefined>;
  /** Full replace; undefined when no hotel has that id. The trigger bumps `version`. */
  replace(id: number, input: HotelInput): Promise<Hotel | undefined>;
  /** False when no hotel has that id. */
  remove(id: number): Promise<boolean>;
  ping(): Promise<void>;
}

export function createMysqlHotelStore(pool: Pool): HotelStore {
  const get = async (id: number) => {
    const [rows] = await pool.execute<RowDataPacket[]>(`SELECT ${hotelColumns} FROM hotels WHERE id = ?`, [id]);
    const row = rows[0] as HotelRow | undefined;
    return row ? rowToHotel(row) : undefined;
  };

  return {
    get,
    async create(input) {
      const [result] = await pool.execute<ResultSetHeader>(
        'INSERT INTO hotels (name, city, stars, description) VALUES (?, ?, ?, ?)',
        [input.name, input.city, input.stars, input.description],
      );
      const created = await get(result.insertId);
      if (!created) throw new Error(`hotel ${result.insertId} vanished right after insert`);
      return created;
    },
    async replace(id, input) {
      const [result] = await pool.execute<ResultSetHeader>(
        'UPDATE hotels SET name = ?, city = ?, stars = ?, description = ? WHERE id = ?',
        [input.name, input.city, input.stars, input.description, id],
      );
      // affectedRows counts changed rows; the version trigger changes every matched row.
      return result.affectedRows === 0 ? undefined : get(id);
    },
    async remove(id) {
      const [result] = await pool.execute<ResultSetHeader>('DELETE FROM hotels WHERE id = ?', [id]);
      return result.affectedRows > 0;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
  };
}
