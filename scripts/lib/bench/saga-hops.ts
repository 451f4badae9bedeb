/**
 * Where a booking's time goes, hop by hop, from what the saga's tables already record: every
 * message is an outbox row (`created_at`, in the writer's transaction) and, once its consumer
 * handled it, an inbox row with the same id (`handled_at`, at the start of the consumer's
 * transaction). The difference is the message's transit: the writer's commit, the binlog,
 * Debezium's poll, Connect's producer, the broker, the consumer's fetch and its queue behind
 * the messages before it. The gap between one hop's handling and the next hop's outbox row is
 * the handler's own work (the orchestrator's decision, a participant's effect). Pure: the rows
 * come in as parameters; every timestamp is the one database server's clock.
 */
import { summarize, type LatencySummary } from './latency-stats.ts';

export interface OutboxRecord {
  id: string;
  type: string;
  bookingId: string;
  createdAtMs: number;
}

export interface HopFigures {
  type: string;
  /** Messages of this type that were handled (have an inbox row). */
  handled: number;
  /** Messages of this type still without an inbox row. */
  unhandled: number;
  /** Outbox row → the consumer's inbox row, ms. */
  transit?: LatencySummary;
  /** The handler's work before it: this row's created_at minus the previous hop's handled_at in the same booking, ms. */
  handler?: LatencySummary;
  /** When in the saga it happens: median ms from the booking's first outbox row. */
  atMs: number;
}

export function sagaHops(outbox: OutboxRecord[], handledAt: ReadonlyMap<string, number>): HopFigures[] {
  const byBooking = new Map<string, OutboxRecord[]>();
  for (const row of outbox) byBooking.set(row.bookingId, [...(byBooking.get(row.bookingId) ?? []), row]);
  const samples = new Map<string, { transit: number[]; handler: number[]; at: number[]; unhandled: number }>();
  for (const rows of byBooking.values()) {
    rows.sort((a, b) => a.createdAtMs - b.createdAtMs);
    const start = rows[0]!.createdAtMs;
    rows.forEach((row, i) => {
      const s = samples.get(row.type) ?? { transit: [], handler: [], at: [], unhandled: 0 };
      samples.set(row.type, s);
      s.at.push(row.createdAtMs - start);
      const handled = handledAt.get(row.id);
      if (handled === undefined) s.unhandled++;
      else s.transit.push(handled - row.createdAtMs);
      const previous = i > 0 ? handledAt.get(rows[i - 1]!.id) : undefined;
      if (previous !== undefined) s.handler.push(row.createdAtMs - previous);
    });
  }
  return [...samples.entries()]
    .map(([type, s]) => ({
      type,
      handled: s.transit.length,
      unhandled: s.unhandled,
      ...(s.transit.length > 0 ? { transit: summarize(s.transit) } : {}),
      ...(s.handler.length > 0 ? { handler: summarize(s.handler) } : {}),
      atMs: summarize(s.at).median,
    }))
    .sort((a, b) => a.atMs - b.atMs || a.type.localeCompare(b.type));
}
