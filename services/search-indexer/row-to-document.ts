/**
 * Turns the flat row of a Debezium change event (after the ExtractNewRecordState
 * SMT) into the search document. Throws PoisonMessageError when the row cannot
 * be a hotel, so the caller dead-letters it instead of indexing garbage.
 */
import { cityKey, type HotelDocument } from '../lib/hotel-document.ts';

export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

export function rowToDocument(row: Record<string, unknown>): HotelDocument {
  const problems: string[] = [];
  const id = nonNegativeInteger(row.id, 'id', problems);
  const name = text(row.name, 'name', problems);
  const city = text(row.city, 'city', problems);
  const stars = nonNegativeInteger(row.stars, 'stars', problems);
  const version = nonNegativeInteger(row.version, 'version', problems);
  const description = row.description ?? null;
  if (description !== null && typeof description !== 'string') problems.push('description must be a string or null');
  const images = imageHashes(row.images, problems);
  const createdAt = timestamp(row.created_at, 'created_at', problems);
  const updatedAt = timestamp(row.updated_at, 'updated_at', problems);
  if (problems.length > 0) throw new PoisonMessageError(`row is not a valid hotel: ${problems.join('; ')}`);

  return {
    id,
    name,
    city,
    city_key: cityKey(city),
    stars,
    description: description as string | null,
    images,
    version,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

export function nonNegativeInteger(value: unknown, field: string, problems: string[]): number {
  // Debezium renders BIGINT as a JSON number; accept a numeric string too (bigint.unsigned.handling.mode=string).
  const number = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    problems.push(`${field} must be a non-negative integer (got ${JSON.stringify(value)})`);
    return 0;
  }
  return number;
}

function text(value: unknown, field: string, problems: string[]): string {
  if (typeof value !== 'string' || value === '') problems.push(`${field} must be a non-empty string`);
  return typeof value === 'string' ? value : '';
}

/**
 * The `images` column: JSON text (Debezium's io.debezium.data.Json on MySQL, LONGTEXT on
 * MariaDB, mysql2 on MariaDB) or an array already parsed (mysql2 on MySQL's JSON type);
 * absent or NULL (an event from before the column, a hotel without images) is none.
 */
function imageHashes(value: unknown, problems: string[]): string[] {
  if (value === null || value === undefined) return [];
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = undefined;
    }
  }
  if (!Array.isArray(list) || !list.every((hash) => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash))) {
    problems.push(`images must be a JSON array of SHA-256 hex hashes (got ${JSON.stringify(value).slice(0, 200)})`);
    return [];
  }
  return list as string[];
}

/** ISO strings (Debezium ZonedTimestamp) or epoch milliseconds (time.precision.mode=connect). */
function timestamp(value: unknown, field: string, problems: string[]): string | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    problems.push(`${field} must be an ISO-8601 timestamp or epoch milliseconds (got ${JSON.stringify(value)})`);
    return null;
  }
  return date.toISOString();
}
