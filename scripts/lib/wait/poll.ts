/**
 * The one polling loop every readiness wait goes through. A probe never throws: it
 * returns whether the thing is ready and, if not, why. The loop keeps the last reason
 * so a timeout says what was not ready, for how long, and the last error seen —
 * the shape of testcontainers-node's wait strategies, on an injectable clock.
 */
import { UserError } from '../errors.ts';
import { throwIfInterrupted, untilInterrupted } from '../interrupts.ts';
import { errorText } from '../text.ts';
import { Deadline, formatDuration, type Clock } from './clock.ts';

export type ProbeResult<T = undefined> =
  | { ready: true; value: T }
  | { ready: false; reason: string; /** Stop waiting: retrying cannot help (a 400 from Connect). */ abort?: Error };

export interface Wait<T = undefined> {
  /** What is being waited for, as the user would say it: "connector booking-mysql RUNNING". */
  name: string;
  probe: () => Promise<ProbeResult<T>>;
  /** Pause between attempts. */
  intervalMs?: number;
  /** How to fix it when it never becomes ready. */
  fix?: string;
}

export interface WaitOptions {
  deadline: Deadline;
  onAttempt?: (attempt: number, reason: string) => void;
  /** Ctrl-C: stop waiting at once (even mid-probe) and throw its Interrupted. */
  signal?: AbortSignal;
}

export class WaitTimeoutError extends UserError {
  constructor(
    readonly waitName: string,
    readonly waitedMs: number,
    readonly lastReason: string,
    fix: string,
  ) {
    super(`${waitName}: not ready after ${formatDuration(waitedMs)}; last error: ${lastReason}`, fix);
  }
}

export function ready(): ProbeResult;
export function ready<T>(value: T): ProbeResult<T>;
export function ready<T>(value?: T): ProbeResult<T | undefined> {
  return { ready: true, value };
}

export function notReady(reason: string): ProbeResult<never> {
  return { ready: false, reason };
}

export function abort(error: Error): ProbeResult<never> {
  return { ready: false, reason: error.message, abort: error };
}

/** Polls until ready or until the shared deadline passes; throws WaitTimeoutError then, or Interrupted on the signal. */
export async function waitFor<T>(wait: Wait<T>, { deadline, onAttempt, signal }: WaitOptions): Promise<T> {
  const clock: Clock = deadline.clock;
  const started = clock.now();
  const interval = wait.intervalMs ?? 1000;
  let lastReason = '';
  // Always probe at least once, and once more when the deadline arrives.
  for (let attempt = 1; ; attempt++) {
    throwIfInterrupted(signal);
    const result = await untilInterrupted(safeProbe(wait.probe), signal);
    if (result.ready) return result.value;
    if (result.abort) throw result.abort;
    lastReason = result.reason;
    onAttempt?.(attempt, lastReason);
    if (deadline.expired()) break;
    await untilInterrupted(clock.sleep(Math.min(interval, deadline.remainingMs())), signal);
  }
  throw new WaitTimeoutError(
    wait.name,
    clock.now() - started,
    lastReason,
    wait.fix ?? 'check `npm run status` and `npm run logs`, then run `npm run up` again',
  );
}

/** A probe that throws breaks the contract; treat the throw as "not ready yet". */
async function safeProbe<T>(probe: () => Promise<ProbeResult<T>>): Promise<ProbeResult<T>> {
  try {
    return await probe();
  } catch (error) {
    return notReady(errorText(error));
  }
}
