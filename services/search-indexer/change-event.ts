/**
 * Decodes one message of the CDC topic, once for every reader: the indexer (what the
 * index should do), the console's change-event panel and the smoke test's watcher (what
 * happened to which row). Message format (Debezium JsonConverter, schemas disabled,
 * ExtractNewRecordState with delete.tombstone.handling.mode=rewrite and
 * add.fields=op,source.ts_ms; kafka/connectors/*.json):
 *   key   {"id": 42}
 *   value the flat row + "__op", "__source_ts_ms", "__deleted": "true" | "false"
 *   null value = tombstone: delete by key.
 * A delete shows in either field: `__deleted` (the rewrite mode's flag) or `__op` "d"
 * (the operation the SMT adds), so a connector that drops one of the two still deletes.
 */
import type { HotelDocument } from '../lib/hotel-document.ts';
import { PoisonMessageError, nonNegativeInteger, rowToDocument } from './row-to-document.ts';

/** The message key's fields; undefined without a key, `problem` when it is not a JSON object. */
export interface ChangeKey {
  fields: Record<string, unknown> | undefined;
  problem?: string;
}

/** What one message says, before it is judged as a hotel. */
export type ChangeMessage =
  | { kind: 'tombstone'; key: ChangeKey }
  | {
      kind: 'row';
      key: ChangeKey;
      /** Debezium's operation: c(reate), u(pdate), d(elete), r(ead, snapshot); undefined when absent. */
      op: string | undefined;
      deleted: boolean;
      /** The row's columns, without the fields the SMT adds (`__op`, `__source_ts_ms`, `__deleted`). */
      row: Record<string, unknown>;
    }
  | { kind: 'undecodable'; key: ChangeKey; reason: string; text: string };

/** The prefix of the fields ExtractNewRecordState adds (its add.fields.prefix default). */
const SMT_FIELD_PREFIX = '__';

/** Never throws: a message that is not a row says why, with its text. */
export function readChangeMessage(key: Buffer | null, value: Buffer | null): ChangeMessage {
  const keyParsed = key && key.length > 0 ? parseObject(key, 'key') : undefined;
  const keyFields: ChangeKey = keyParsed === undefined ? { fields: undefined } : keyParsed.ok ? { fields: keyParsed.object } : { fields: undefined, problem: keyParsed.reason };
  if (value === null || value.length === 0) return { kind: 'tombstone', key: keyFields };
  const parsed = parseObject(value, 'value');
  if (!parsed.ok) return { kind: 'undecodable', key: keyFields, reason: parsed.reason, text: value.toString('utf8') };
  const fields = parsed.object;
  if ('payload' in fields && 'schema' in fields) {
    return {
      kind: 'undecodable',
      key: keyFields,
      reason: 'value is a schema envelope; the connector must use value.converter.schemas.enable=false and the unwrap SMT',
      text: value.toString('utf8'),
    };
  }
  const op = typeof fields.__op === 'string' ? fields.__op : undefined;
  const deleted = fields.__deleted === 'true' || fields.__deleted === true || op === 'd';
  const row = Object.fromEntries(Object.entries(fields).filter(([name]) => !name.startsWith(SMT_FIELD_PREFIX)));
  return { kind: 'row', key: keyFields, op, deleted, row };
}

export type ChangeAction =
  | { kind: 'upsert'; id: number; version: number; document: HotelDocument }
  /** version is the row's last version; undefined for a bare tombstone. */
  | { kind: 'delete'; id: number; version: number | undefined };

export type DecodedChange = { ok: true; action: ChangeAction } | { ok: false; reason: string };

/** What the index should do with one message; a message that cannot be a hotel change is poison. */
export function decodeChange(key: Buffer | null, value: Buffer | null): DecodedChange {
  try {
    return { ok: true, action: toAction(readChangeMessage(key, value)) };
  } catch (error) {
    if (error instanceof PoisonMessageError) return { ok: false, reason: error.message };
    throw error;
  }
}

function toAction(message: ChangeMessage): ChangeAction {
  if (message.key.problem !== undefined) throw new PoisonMessageError(message.key.problem);
  const keyId = message.key.fields === undefined ? undefined : idFrom(message.key.fields, 'key');
  if (message.kind === 'tombstone') {
    if (keyId === undefined) throw new PoisonMessageError('tombstone without a key id: nothing to delete');
    return { kind: 'delete', id: keyId, version: undefined };
  }
  if (message.kind === 'undecodable') throw new PoisonMessageError(message.reason);

  const { row } = message;
  const id = idFrom(row, 'value');
  if (keyId !== undefined && keyId !== id) throw new PoisonMessageError(`key id ${keyId} differs from value id ${id}`);

  if (message.deleted) {
    const problems: string[] = [];
    const version = row.version === undefined ? undefined : nonNegativeInteger(row.version, 'version', problems);
    if (problems.length > 0) throw new PoisonMessageError(problems.join('; '));
    return { kind: 'delete', id, version };
  }
  const document = rowToDocument(row);
  return { kind: 'upsert', id, version: document.version, document };
}

type Parsed = { ok: true; object: Record<string, unknown> } | { ok: false; reason: string };

function parseObject(buffer: Buffer, what: string): Parsed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `${what} is not JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: `${what} is not a JSON object` };
  return { ok: true, object: parsed as Record<string, unknown> };
}

function idFrom(object: Record<string, unknown>, what: string): number {
  const problems: string[] = [];
  const id = nonNegativeInteger(object.id, `${what}.id`, problems);
  if (problems.length > 0 || id === 0) throw new PoisonMessageError(problems[0] ?? `${what}.id must be positive`);
  return id;
}
