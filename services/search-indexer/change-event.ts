/**
 * Decodes one message of the CDC topic into what the index should do:
 * upsert the document, or delete it. Message format (Debezium JsonConverter,
 * schemas disabled, ExtractNewRecordState with delete.tombstone.handling.mode=rewrite
 * and add.fields=op,source.ts_ms):
 *   key   {"id": 42}
 *   value the flat row + "__op", "__source_ts_ms", "__deleted": "true" | "false"
 *   null value = tombstone: delete by key.
 */
import type { HotelDocument } from '../lib/hotel-document.ts';
import { PoisonMessageError, nonNegativeInteger, rowToDocument } from './row-to-document.ts';

export type ChangeAction =
  | { kind: 'upsert'; id: number; version: number; document: HotelDocument }
  /** version is the row's last version; undefined for a bare tombstone. */
  | { kind: 'delete'; id: number; version: number | undefined };

export type DecodedChange = { ok: true; action: ChangeAction } | { ok: false; reason: string };

export function decodeChange(key: Buffer | null, value: Buffer | null): DecodedChange {
  try {
    return { ok: true, action: toAction(key, value) };
  } catch (error) {
    if (error instanceof PoisonMessageError) return { ok: false, reason: error.message };
    throw error;
  }
}

function toAction(key: Buffer | null, value: Buffer | null): ChangeAction {
  const keyId = key && key.length > 0 ? idFrom(parseObject(key, 'key'), 'key') : undefined;
  if (value === null || value.length === 0) {
    if (keyId === undefined) throw new PoisonMessageError('tombstone without a key id: nothing to delete');
    return { kind: 'delete', id: keyId, version: undefined };
  }

  const row = parseObject(value, 'value');
  if ('payload' in row && 'schema' in row) {
    throw new PoisonMessageError(
      'value is a schema envelope; the connector must use value.converter.schemas.enable=false and the unwrap SMT',
    );
  }
  const id = idFrom(row, 'value');
  if (keyId !== undefined && keyId !== id) throw new PoisonMessageError(`key id ${keyId} differs from value id ${id}`);

  if (isDelete(row)) {
    const problems: string[] = [];
    const version = row.version === undefined ? undefined : nonNegativeInteger(row.version, 'version', problems);
    if (problems.length > 0) throw new PoisonMessageError(problems.join('; '));
    return { kind: 'delete', id, version };
  }
  const document = rowToDocument(row);
  return { kind: 'upsert', id, version: document.version, document };
}

function isDelete(row: Record<string, unknown>): boolean {
  return row.__deleted === 'true' || row.__deleted === true || row.__op === 'd';
}

function parseObject(buffer: Buffer, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.toString('utf8'));
  } catch (error) {
    throw new PoisonMessageError(`${what} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PoisonMessageError(`${what} is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function idFrom(object: Record<string, unknown>, what: string): number {
  const problems: string[] = [];
  const id = nonNegativeInteger(object.id, `${what}.id`, problems);
  if (problems.length > 0 || id === 0) throw new PoisonMessageError(problems[0] ?? `${what}.id must be positive`);
  return id;
}
