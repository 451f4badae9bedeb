/**
 * Ctrl-C and `kill` as an AbortSignal: code that waits takes the signal as a
 * parameter (tests abort a plain AbortController); only the command wires it to the
 * process. The signal's reason is an `Interrupted` error carrying the exit code.
 *
 * One Ctrl-C can arrive more than once: the terminal signals the whole foreground
 * process group, and npm, which is in that group, passes the signal on to its child,
 * this node process (every script execs node: README, Signals). The `tsx` command
 * relays signals to its child the same way (tsx's relaySignals). Seen in
 * test/e2e/interrupt.e2e.test.ts: the repeat came while `up` was writing its report. So a repeat within SAME_KEYPRESS_MS
 * counts as the same keypress. A later one (Ctrl-C again while --clean removes the
 * containers) ends the process at once: the listeners are removed and the signal is
 * raised again, so the default behaviour applies (Node terminates; under tsx the
 * preflight exits 128 + n), the way https://www.cons.org/cracauer/sigint.html advises.
 */
import { Interrupted, type InterruptSignal } from './errors.ts';

export interface InterruptSource {
  signal: AbortSignal;
  /** Stop listening (the command is done); the default signal behaviour returns. */
  dispose(): void;
}

/** Relays come within tens of milliseconds; two deliberate presses are further apart. */
export const SAME_KEYPRESS_MS = 500;

type SignalTarget = Pick<NodeJS.Process, 'on' | 'removeListener' | 'kill' | 'pid'>;

export interface InterruptOptions {
  target?: SignalTarget;
  now?: () => number;
  sameKeypressMs?: number;
}

const SIGNALS: InterruptSignal[] = ['SIGINT', 'SIGTERM'];

export function listenForInterrupts({ target = process, now = Date.now, sameKeypressMs = SAME_KEYPRESS_MS }: InterruptOptions = {}): InterruptSource {
  const controller = new AbortController();
  let firstAt = 0;
  const onSignal = (name: InterruptSignal) => {
    if (!controller.signal.aborted) {
      firstAt = now();
      controller.abort(new Interrupted(name));
      return;
    }
    if (now() - firstAt < sameKeypressMs) return;
    dispose();
    target.kill(target.pid, name);
  };
  const listeners = SIGNALS.map((name) => [name, () => onSignal(name)] as const);
  const dispose = () => {
    for (const [name, listener] of listeners) target.removeListener(name, listener);
  };
  for (const [name, listener] of listeners) target.on(name, listener);
  return { signal: controller.signal, dispose };
}

/** Why the signal aborted, as an Interrupted (an AbortController aborted without a reason counts as SIGINT). */
export function interruption(signal: AbortSignal): Interrupted {
  return signal.reason instanceof Interrupted ? signal.reason : new Interrupted('SIGINT');
}

/** Throws the Interrupted when the signal has aborted: the check between two steps. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruption(signal);
}

/** Resolves when the signal aborts (never, without one); the listener goes with `cancel`. */
function whenAborted(signal: AbortSignal | undefined): { promise: Promise<void>; cancel(): void } {
  if (!signal) return { promise: new Promise(() => {}), cancel: () => {} };
  if (signal.aborted) return { promise: Promise.resolve(), cancel: () => {} };
  let onAbort = () => {};
  const promise = new Promise<void>((resolve) => {
    onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, cancel: () => signal.removeEventListener('abort', onAbort) };
}

/** Settles with `work`, or rejects with the Interrupted as soon as the signal aborts: stop waiting, whatever `work` still does. */
export async function untilInterrupted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  throwIfInterrupted(signal);
  const aborted = whenAborted(signal);
  try {
    return await Promise.race([work, aborted.promise.then(() => Promise.reject(interruption(signal!)))]);
  } finally {
    aborted.cancel();
  }
}

/**
 * For commands that serve until the user stops them (`console`, `dev:web`): resolves at the
 * first Ctrl-C or SIGTERM (at once if one came already) and stops listening, so the command
 * can close what it opened. The command listens from its first line and passes the source
 * here: a SIGTERM that came while it started (a script stops it as soon as it prints its
 * address) would otherwise meet Node's default action and end it without closing anything.
 */
export async function interruptRequested(interrupts: InterruptSource): Promise<void> {
  try {
    await whenAborted(interrupts.signal).promise;
  } finally {
    interrupts.dispose();
  }
}
