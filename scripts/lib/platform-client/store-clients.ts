/**
 * The data-store clients the smoke test and the console use from the host:
 * mysql2 on MYSQL_PORT, @elastic/elasticsearch on ELASTICSEARCH_PORT. close()
 * releases both so the process can exit.
 */
import { Client } from '@elastic/elasticsearch';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { roomNightDocumentId, type RoomNightDocument } from '../../../services/search-indexer/contract.ts';
import type { ClientSettings } from './client-settings.ts';

export interface StoreClients {
  mysqlRow(id: number): Promise<{ name: string; version: number } | undefined>;
  esDocument(id: number): Promise<{ name: string; version: number } | undefined>;
  /** Rows in the captured table, and documents in the search index (the console's drift panel). */
  mysqlCount(): Promise<number>;
  esCount(): Promise<number>;
  /**
   * One night of date search's index (`night:<room type id>:<YYYY-MM-DD>` under the
   * `availability-<engine>` alias) as a search sees it: the console's trace waits on its
   * `available` after a booking. undefined when the index has no such document.
   */
  availabilityNight(roomTypeId: number, night: string): Promise<{ available: number } | undefined>;
  close(): Promise<void>;
}

export function createStoreClients(settings: ClientSettings): StoreClients {
  const pool = mysql.createPool({ ...settings.mysql, connectionLimit: 2, connectTimeout: 3_000 });
  const elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 0, requestTimeout: 3_000 });
  return {
    async mysqlRow(id) {
      const [rows] = await pool.execute<RowDataPacket[]>('SELECT name, version FROM hotels WHERE id = ?', [id]);
      const row = rows[0];
      return row ? { name: String(row.name), version: Number(row.version) } : undefined;
    },
    async esDocument(id) {
      const response = await elastic.get<{ name: string; version: number }>(
        { index: settings.searchIndex, id: String(id) },
        { ignore: [404] },
      );
      return response.found && response._source ? response._source : undefined;
    },
    async mysqlCount() {
      const [rows] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM hotels');
      return Number(rows[0]?.n);
    },
    async esCount() {
      return (await elastic.count({ index: settings.searchIndex })).count;
    },
    async availabilityNight(roomTypeId, night) {
      // Not realtime: a plain GET reads the translog and would see the write before a search
      // can; this one reads what the last refresh made searchable, which is what date search answers from.
      const response = await elastic.get<RoomNightDocument>(
        { index: settings.availabilityIndex, id: roomNightDocumentId(roomTypeId, night), realtime: false },
        { ignore: [404] },
      );
      return response.found && response._source ? { available: response._source.available } : undefined;
    },
    async close() {
      await Promise.allSettled([pool.end(), elastic.close()]);
    },
  };
}
