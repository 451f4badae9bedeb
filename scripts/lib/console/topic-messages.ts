/**
 * Decoding what the console reads from Kafka: the change events of the CDC topic and
 * the indexer's dead letters. Change events are flattened by Debezium's unwrap SMT
 * (kafka/connectors/*.json: `__op`, `__source_ts_ms`, `__deleted`), so an event holds
 * the row after the change only; "before" is the previous event for the same id that
 * the console has in its window, when there is one.
 */
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

function json(buffer: Buffer | null): Record<string, unknown> | null {
  if (!buffer) return null;
  try {
    const parsed: unknown = JSON.parse(buffer.toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { undecodable: buffer.toString('utf8').slice(0, 200) };
  }
}

function row(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('__')));
}

export function decodeChangeEvent(message: RawMessage): Omit<ChangeEvent, 'before'> {
  const key = json(message.key);
  const value = json(message.value);
  const idOf = (source: Record<string, unknown> | null) => (source && source.id !== undefined ? String(source.id) : null);
  const base = { partition: message.partition, offset: message.offset, at: new Date(Number(message.timestamp)).toISOString(), id: idOf(key) ?? idOf(value) };
  if (!value) return { ...base, op: 'tombstone', after: null };
  const op = typeof value.__op === 'string' ? (OPS[value.__op] ?? value.__op) : 'unknown';
  const deleted = value.__deleted === true || value.__deleted === 'true';
  return { ...base, op, after: deleted ? null : row(value) };
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
