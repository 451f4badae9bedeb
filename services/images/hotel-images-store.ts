/**
 * The hotel row records its images (the `images` JSON column, mysql/migrations/0003):
 * the content hashes in upload order. The row's update raises its version (trigger), so
 * CDC carries the change to search like any other edit of the hotel.
 */
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { SampleHotel } from '../lib/sample-hotels.ts';
import { MAX_IMAGES_PER_HOTEL } from './contract.ts';

export type AddImageOutcome = 'added' | 'already_there' | 'no_hotel' | 'full';

export interface HotelImagesStore {
  hotelExists(hotelId: number): Promise<boolean>;
  addImage(hotelId: number, hash: string): Promise<AddImageOutcome>;
  /**
   * The ids of the sample hotels that are still the sample (same id, name and city) and have
   * no image: a sample hotel deleted, or renamed into the user's own, is left alone.
   */
  samplesWithoutImages(samples: SampleHotel[]): Promise<number[]>;
}

export function createMysqlHotelImagesStore(pool: Pool, maxImages = MAX_IMAGES_PER_HOTEL): HotelImagesStore {
  async function imagesOf(hotelId: number): Promise<string[] | undefined> {
    const [rows] = await pool.query<RowDataPacket[]>('SELECT images FROM hotels WHERE id = ?', [hotelId]);
    if (rows.length === 0) return undefined;
    const images: unknown = rows[0]!.images;
    // MySQL's JSON type arrives parsed; MariaDB's JSON is LONGTEXT and arrives as text.
    const list = typeof images === 'string' ? JSON.parse(images) : images;
    return Array.isArray(list) ? list.map(String) : [];
  }

  return {
    hotelExists: async (hotelId) => (await imagesOf(hotelId)) !== undefined,
    async addImage(hotelId, hash) {
      // One statement, so two uploads at once can neither lose one another nor pass the limit.
      const [result] = await pool.query<ResultSetHeader>(
        `UPDATE hotels SET images = JSON_ARRAY_APPEND(COALESCE(images, JSON_ARRAY()), '$', ?)
          WHERE id = ? AND NOT JSON_CONTAINS(COALESCE(images, JSON_ARRAY()), JSON_QUOTE(?))
            AND JSON_LENGTH(COALESCE(images, JSON_ARRAY())) < ?`,
        [hash, hotelId, hash, maxImages],
      );
      if (result.affectedRows === 1) return 'added';
      const images = await imagesOf(hotelId);
      if (images === undefined) return 'no_hotel';
      return images.includes(hash) ? 'already_there' : 'full';
    },
    async samplesWithoutImages(samples) {
      if (samples.length === 0) return [];
      const [rows] = await pool.query<RowDataPacket[]>(
        `SELECT id FROM hotels WHERE (id, name, city) IN (${samples.map(() => '(?, ?, ?)').join(', ')})
            AND (images IS NULL OR JSON_LENGTH(images) = 0) ORDER BY id`,
        samples.flatMap((hotel) => [hotel.id, hotel.name, hotel.city]),
      );
      return rows.map((row) => Number(row.id));
    },
  };
}
