/**
 * Decoding what the console reads from Kafka: the change events of the CDC topic and
 * the indexer's dead letters. Change events are flattened by Debezium's unwrap SMT and
 * decoded by the indexer's own decoder, so the console calls a delete what the indexer
 * deletes; an event holds the row after the change only, and "before" is the previous
 * event for the same id that the console has in its window, when there is one.
 */
import { readChangeMessage } from '../../../services/search-indexer/contract.ts';

export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | Array<Buffer | string> | undefined>;
}

export interface ChangeEvent {
  partition: number;
  offset: string;
  at: string;
  id: string | null;
  /** c(reate), u(pdate), d(elete), r(ead, snapshot); "tombstone" for a null value. */
  op: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const OPS: Record<string, string> = { c: 'create', u: 'update', d: 'delete', r: 'snapshot' };

/** The indexer's decoder (services/search-indexer/contract.ts) read for display: it never fails, it shows what it cannot decode. */
export function decodeChangeEvent(message: RawMessage): Omit<ChangeEvent, 'before'> {
  const decoded = readChangeMessage(message.key, message.value);
  const idOf = (source: Record<string, unknown> | undefined) => (source && source.id !== undefined ? String(source.id) : null);
  const base = { partition: message.partition, offset: message.offset, at: new Date(Number(message.timestamp)).toISOString() };
  switch (decoded.kind) {
    case 'tombstone':
      return { ...base, id: idOf(decoded.key.fields), op: 'tombstone', after: null };
    case 'undecodable':
      return { ...base, id: idOf(decoded.key.fields), op: 'unknown', after: { undecodable: decoded.text.slice(0, 200) } };
    case 'row': {
      const op = decoded.deleted ? 'delete' : decoded.op === undefined ? 'unknown' : (OPS[decoded.op] ?? decoded.op);
      return { ...base, id: idOf(decoded.key.fields) ?? idOf(decoded.row), op, after: decoded.deleted ? null : decoded.row };
    }
  }
}

/**
 * Links each event to the previous state of its row within the window. Events of all
 * partitions are put in time order (stable, so one partition's order — one id's
 * order, as the key picks the partition — is kept); the result is oldest first.
 */
export function withBefore(events: Array<Omit<ChangeEvent, 'before'>>): ChangeEvent[] {
  const last = new Map<string, Record<string, unknown> | null>();
  return [...events].sort((a, b) => a.at.localeCompare(b.at)).map((event) => {
    const before = event.id === null ? null : (last.get(event.id) ?? null);
    if (event.id !== null && event.op !== 'tombstone') last.set(event.id, event.after);
    return { ...event, before };
  });
}

export function filterById(events: ChangeEvent[], id: string | undefined): ChangeEvent[] {
  const wanted = id?.trim();
  return wanted ? events.filter((event) => event.id === wanted) : events;
}

export interface DeadLetter {
  partition: number;
  offset: string;
  at: string;
  headers: Record<string, string>;
  value: string;
}

export function decodeDeadLetter(message: RawMessage, maxValue = 500): DeadLetter {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(message.headers ?? {})) {
    if (raw === undefined) continue;
    headers[name] = (Array.isArray(raw) ? raw : [raw]).map((part) => part.toString()).join(', ');
  }
  const value = message.value?.toString('utf8') ?? '';
  return {
    partition: message.partition,
    offset: message.offset,
    at: new Date(Number(message.timestamp)).toISOString(),
    headers,
    value: value.length > maxValue ? `${value.slice(0, maxValue)}…` : value,
  };
}
