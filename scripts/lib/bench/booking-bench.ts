/**
 * bench:bookings' measurement, free of I/O. Two ways to load the booking service:
 *
 * - `closed` (the default, what "concurrency C" means in issue 20): C clients, each sending a
 *   POST /api/bookings, waiting until that booking is CONFIRMED or CANCELLED, then sending the
 *   next; so C bookings are in flight at any time and the figures are the saga's own latency
 *   and throughput at that concurrency.
 * - `burst`: each client sends its next POST as soon as the last one was accepted (202); the
 *   sagas pile up behind the API, so the figures measure how fast a queue of N drains.
 *
 * One watcher reads the states of every booking in flight, all of them in one read every
 * `pollMs`, and hands each ended booking back to its client. A booking's latency runs from the
 * moment its POST was sent to the moment the saga made it CONFIRMED (the booking's own
 * updated_at, written by the transition), so how often the watcher reads changes no latency;
 * in the closed loop it delays the client's next POST, hence the short default poll there.
 * Throughput is the confirmed bookings over the span from the first POST to the last
 * CONFIRMED. The POST, the state read and the clock come in as parameters.
 */
import { errorText } from '../text.ts';
import type { Clock } from '../wait/clock.ts';
import type { Stay } from './choose-stays.ts';
import { summarize, type LatencySummary } from './latency-stats.ts';

export type BenchLoop = 'closed' | 'burst';

export interface PostedBooking {
  number: string;
  /** Epoch ms, taken right before the request was sent. */
  sentAtMs: number;
  /** Epoch ms, when the 202 arrived. */
  acceptedAtMs: number;
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
  /** Default: 25 ms in the closed loop (it paces the next POST), 100 ms in a burst. */
  pollMs?: number;
  /**
   * How long a booking may stay in flight before it is counted unfinished: from its POST in
   * the closed loop (its client then moves on), from the last POST in a burst.
   */
  settleMs?: number;
  onProgress?(text: string): void;
}

export interface BenchOutcome {
  firstSentAtMs: number;
  ended: Array<PostedBooking & ObservedState>;
  /** Accepted, but not CONFIRMED or CANCELLED within settleMs. */
  unfinished: string[];
  /** POSTs not accepted, with the reason (their count and the first reasons are reported). */
  refused: string[];
}

const ENDED = new Set(['CONFIRMED', 'CANCELLED']);
/** One IN (...) list per read at most this long. */
const READ_CHUNK = 500;
const DEFAULT_SETTLE_MS = 60_000;

interface InFlight {
  posted: PostedBooking;
  /** Resolves the client waiting for this booking (closed loop). */
  done: () => void;
}

export async function runBookingBench(stays: Stay[], options: { concurrency: number; loop: BenchLoop }, deps: BookingBenchDeps): Promise<BenchOutcome> {
  const { clock } = deps;
  const closed = options.loop === 'closed';
  const pollMs = deps.pollMs ?? (closed ? 25 : 100);
  const settleMs = deps.settleMs ?? DEFAULT_SETTLE_MS;
  const inFlight = new Map<string, InFlight>();
  const outcome: BenchOutcome = { firstSentAtMs: Number.POSITIVE_INFINITY, ended: [], unfinished: [], refused: [] };
  let next = 0;
  let postingEndedAt: number | undefined;

  async function client(): Promise<void> {
    while (next < stays.length) {
      const stay = stays[next++]!;
      let posted: PostedBooking;
      try {
        posted = await deps.post(stay);
      } catch (error) {
        outcome.refused.push(errorText(error));
        continue;
      }
      outcome.firstSentAtMs = Math.min(outcome.firstSentAtMs, posted.sentAtMs);
      const ended = new Promise<void>((done) => inFlight.set(posted.number, { posted, done }));
      if (closed) await ended;
    }
  }

  function giveUpAt(posted: PostedBooking): number {
    if (closed) return posted.sentAtMs + settleMs;
    return postingEndedAt === undefined ? Number.POSITIVE_INFINITY : postingEndedAt + settleMs;
  }

  async function watcher(): Promise<void> {
    while (postingEndedAt === undefined || inFlight.size > 0) {
      await clock.sleep(pollMs);
      const numbers = [...inFlight.keys()];
      for (let start = 0; start < numbers.length; start += READ_CHUNK) {
        for (const seen of await deps.states(numbers.slice(start, start + READ_CHUNK))) {
          const flight = inFlight.get(seen.number);
          if (!flight || !ENDED.has(seen.state)) continue;
          inFlight.delete(seen.number);
          outcome.ended.push({ ...flight.posted, ...seen });
          flight.done();
        }
      }
      for (const [number, flight] of inFlight) {
        if (clock.now() <= giveUpAt(flight.posted)) continue;
        inFlight.delete(number);
        outcome.unfinished.push(number);
        flight.done();
      }
      deps.onProgress?.(`${outcome.ended.length}/${stays.length} ended, ${inFlight.size} in flight, ${outcome.refused.length} refused`);
    }
  }

  const watching = watcher();
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, stays.length) }, () => client()));
  } finally {
    postingEndedAt = clock.now();
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
  /** POST → its 202, ms, over every accepted booking. */
  accepted?: LatencySummary;
  /** Confirmed bookings per second from the first POST to the last CONFIRMED. */
  perSecond: number;
  spanMs: number;
}

export function benchFigures(outcome: BenchOutcome): BenchFigures {
  const confirmed = outcome.ended.filter((b) => b.state === 'CONFIRMED');
  const cancelled: Record<string, number> = {};
  for (const b of outcome.ended.filter((x) => x.state === 'CANCELLED')) cancelled[b.reason ?? 'unknown'] = (cancelled[b.reason ?? 'unknown'] ?? 0) + 1;
  const accepted = outcome.ended.length > 0 ? { accepted: summarize(outcome.ended.map((b) => b.acceptedAtMs - b.sentAtMs)) } : {};
  if (confirmed.length === 0) return { confirmed: 0, cancelled, ...accepted, perSecond: 0, spanMs: 0 };
  const lastConfirmed = Math.max(...confirmed.map((b) => b.updatedAtMs));
  const spanMs = Math.max(1, lastConfirmed - outcome.firstSentAtMs);
  return {
    confirmed: confirmed.length,
    cancelled,
    latency: summarize(confirmed.map((b) => b.updatedAtMs - b.sentAtMs)),
    ...accepted,
    perSecond: confirmed.length / (spanMs / 1000),
    spanMs,
  };
}
