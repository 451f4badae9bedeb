/**
 * The indexer's consumer lag over the last minutes, as the console samples it (the
 * broker keeps no history). Lag is computed as the indexer computes it for its own
 * /healthz (services/search-indexer/contract.ts); the page derives throughput from how
 * fast the group's committed offsets advance (web/console/src/panels/indexer-panel.tsx).
 */
import { computeLag, type PartitionLag } from '../../../services/search-indexer/contract.ts';

export interface LagSample {
  at: number;
  total: number;
  partitions: PartitionLag[];
  /** Sum of committed offsets: its growth over time is the indexing rate. */
  committed: number;
}

export type Watermarks = Array<{ partition: number; high: string; low: string }>;

export function lagSample(at: number, watermarks: Watermarks, committed: Array<{ partition: number; offset: string }>): LagSample {
  const lag = computeLag(watermarks, committed);
  return { at, total: lag.total, partitions: lag.partitions, committed: lag.partitions.reduce((sum, p) => sum + (p.committed ?? 0), 0) };
}

/** Keeps the samples of the last `windowMs`, oldest first. */
export function appendSample(history: LagSample[], sample: LagSample, windowMs: number): LagSample[] {
  return [...history, sample].filter((s) => s.at > sample.at - windowMs);
}

/** Messages a topic holds now (what retention has not removed). */
export function messagesIn(watermarks: Watermarks): number {
  return watermarks.reduce((sum, p) => sum + Math.max(0, Number(p.high) - Number(p.low)), 0);
}
