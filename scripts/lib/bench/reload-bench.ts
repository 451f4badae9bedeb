/**
 * `bench:reload`'s rounds (issue 23): an edit to catalog-api's source, then `npm run up`
 * (which rebuilds the image and recreates the replicas), with a read and a write loop
 * through HAProxy the whole time. Per round: the failed requests, and the time from
 * the save to the first answer that shows the edit. Run as an A/B pair in one run: `up`
 * as it replaces replicas now (one at a time behind HAProxy's drain) and
 * `up --all-at-once` (Compose recreating them together, as `up` did before).
 * Side effects come in as parameters; the command wires the real ones.
 */
import { describeTally, type LoopTally } from './traffic-loop.ts';

export type ReloadMode = 'one at a time' | 'all at once';

export interface ReloadRound {
  mode: ReloadMode;
  tallies: LoopTally[];
  /** From the save to the first answer carrying the new marker; null if none did before `up` ended. */
  liveAfterMs: number | null;
  upMs: number;
}

export interface ReloadDeps {
  setMarker(value: string): void;
  /** Runs `npm run up` (with --all-at-once for that mode); rejects if it fails. */
  runUp(mode: ReloadMode): Promise<void>;
  /** Starts the read and the write loop; stopping them gives their tallies. */
  startLoops(): { stop(): Promise<LoopTally[]> };
  /** Starts watching for an answer that carries the marker; resolves the time it was first seen. */
  watchLive(marker: string): { firstSeen(): number | null; stop(): Promise<void> };
  now(): number;
}

export async function reloadRound(mode: ReloadMode, marker: string, deps: ReloadDeps): Promise<ReloadRound> {
  const loops = deps.startLoops();
  const live = deps.watchLive(marker);
  const saved = deps.now();
  deps.setMarker(marker);
  try {
    await deps.runUp(mode);
  } finally {
    await live.stop();
  }
  const upMs = deps.now() - saved;
  const tallies = await loops.stop();
  const seen = live.firstSeen();
  return { mode, tallies, liveAfterMs: seen === null ? null : seen - saved, upMs };
}

export function describeRound(round: ReloadRound): string {
  const live = round.liveAfterMs === null ? 'never live' : `live after ${(round.liveAfterMs / 1000).toFixed(1)} s`;
  return `${round.mode.padEnd(13)}  ${round.tallies.map(describeTally).join('; ')}; ${live}; up took ${(round.upMs / 1000).toFixed(1)} s`;
}

export function failedIn(rounds: ReloadRound[], mode: ReloadMode): { failed: number; sent: number } {
  const tallies = rounds.filter((round) => round.mode === mode).flatMap((round) => round.tallies);
  return { failed: tallies.reduce((sum, t) => sum + t.failed, 0), sent: tallies.reduce((sum, t) => sum + t.sent, 0) };
}
