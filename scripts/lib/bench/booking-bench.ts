/**
 * bench:bookings' measurement, free of I/O: `concurrency` clients each send their next
 * POST /api/bookings as soon as the last one was accepted (202), while one watcher reads the
 * states of every booking still in flight, all of them in one read every `pollMs`. A booking's
 * latency runs from the moment its POST was sent to the moment the saga made it CONFIRMED (the
 * booking's own updated_at, written by the transition), so how often the watcher reads changes
 * no figure. Throughput is the confirmed bookings over the span from the first POST to the last
 * CONFIRMED. The POST, the state read and the clock come in as parameters.
 */
import { errorText } from '../text.ts';
import type { Clock } from '../wait/clock.ts';
import type { Stay } from './choose-stays.ts';
import { summarize, type LatencySummary } from './latency-stats.ts';

export interface PostedBooking {
  number: string;
  /** Epoch ms, taken right before the request was sent. */
  sentAtMs: number;
}

export interface ObservedState {
  number: string;
  state: string;
  reason: string | null;
  updatedAtMs: number;
}

export interface BookingBenchDeps {
  /** Sends one booking; throws (with the answer in its message) unless it was accepted. */
  post(stay: Stay): Promise<PostedBooking>;
  states(numbers: string[]): Promise<ObservedState[]>;
  clock: Clock;
  pollMs?: number;
  /** How long the watcher waits for the last sagas after the last POST. */
  settleMs?: number;
  onProgress?(text: string): void;
}

export interface BenchOutcome {
  firstSentAtMs: number;
  ended: Array<PostedBooking & ObservedState>;
  /** Accepted, but not CONFIRMED or CANCELLED within settleMs after the last POST. */
  unfinished: string[];
  /** POSTs not accepted, with the reason (their count and the first reasons are reported). */
  refused: string[];
}

const ENDED = new Set(['CONFIRMED', 'CANCELLED']);
/** One IN (...) list per read at most this long. */
const READ_CHUNK = 500;

export async function runBookingBench(stays: Stay[], concurrency: number, deps: BookingBenchDeps): Promise<BenchOutcome> {
  const { clock } = deps;
  const pollMs = deps.pollMs ?? 100;
  const inFlight = new Map<string, PostedBooking>();
  const outcome: BenchOutcome = { firstSentAtMs: Number.POSITIVE_INFINITY, ended: [], unfinished: [], refused: [] };
  let next = 0;
  let posting = true;

  async function client(): Promise<void> {
    while (next < stays.length) {
      const stay = stays[next++]!;
      try {
        const posted = await deps.post(stay);
        outcome.firstSentAtMs = Math.min(outcome.firstSentAtMs, posted.sentAtMs);
        inFlight.set(posted.number, posted);
      } catch (error) {
        outcome.refused.push(errorText(error));
      }
    }
  }

  async function watcher(): Promise<void> {
    let settleBy = Number.POSITIVE_INFINITY;
    while (posting || inFlight.size > 0) {
      if (!posting && settleBy === Number.POSITIVE_INFINITY) settleBy = clock.now() + (deps.settleMs ?? 60_000);
      if (clock.now() > settleBy) break;
      await clock.sleep(pollMs);
      const numbers = [...inFlight.keys()];
      for (let start = 0; start < numbers.length; start += READ_CHUNK) {
        for (const seen of await deps.states(numbers.slice(start, start + READ_CHUNK))) {
          const posted = inFlight.get(seen.number);
          if (!posted || !ENDED.has(seen.state)) continue;
          inFlight.delete(seen.number);
          outcome.ended.push({ ...posted, ...seen });
        }
      }
      deps.onProgress?.(`${outcome.ended.length}/${stays.length} ended, ${inFlight.size} in flight, ${outcome.refused.length} refused`);
    }
    outcome.unfinished = [...inFlight.keys()];
  }

  const watching = watcher();
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, stays.length) }, () => client()));
  } finally {
    posting = false;
  }
  await watching;
  return outcome;
}

export interface BenchFigures {
  confirmed: number;
  /** CANCELLED bookings by reason. */
  cancelled: Record<string, number>;
  /** POST → CONFIRMED, ms (undefined when nothing was confirmed). */
  latency?: LatencySummary;
  /** Confirmed bookings per second from the first POST to the last CONFIRMED. */
  perSecond: number;
  spanMs: number;
}

export function benchFigures(outcome: BenchOutcome): BenchFigures {
  const confirmed = outcome.ended.filter((b) => b.state === 'CONFIRMED');
  const cancelled: Record<string, number> = {};
  for (const b of outcome.ended.filter((x) => x.state === 'CANCELLED')) cancelled[b.reason ?? 'unknown'] = (cancelled[b.reason ?? 'unknown'] ?? 0) + 1;
  if (confirmed.length === 0) return { confirmed: 0, cancelled, perSecond: 0, spanMs: 0 };
  const lastConfirmed = Math.max(...confirmed.map((b) => b.updatedAtMs));
  const spanMs = Math.max(1, lastConfirmed - outcome.firstSentAtMs);
  return {
    confirmed: confirmed.length,
    cancelled,
    latency: summarize(confirmed.map((b) => b.updatedAtMs - b.sentAtMs)),
    perSecond: confirmed.length / (spanMs / 1000),
    spanMs,
  };
}
