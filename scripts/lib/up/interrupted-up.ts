/**
 * What `up` leaves behind when Ctrl-C (SIGINT) or SIGTERM stops it. The waits have
 * already stopped (they take the signal, and the Compose child with them); this says
 * what stays running and what to run next, or with --clean removes the containers
 * first. --clean runs `compose down` without --volumes: it means "leave no half-started
 * stack", as on a failed start, never "lose my data" (that is `npm run reset`).
 */
import type { Compose } from '../compose/compose.ts';
import type { ContainerState } from '../compose/parse-ps.ts';
import { assessStack, orderServices } from '../compose/service-readiness.ts';
import { Interrupted } from '../errors.ts';
import { interruption, throwIfInterrupted } from '../interrupts.ts';
import type { Output } from '../ui/output.ts';
import { formatDuration, realClock } from '../wait/clock.ts';
import { errorText } from '../text.ts';

type LeftCompose = Pick<Compose, 'ps' | 'down'>;
type Out = Pick<Output, 'line' | 'yellow'>;

export interface InterruptibleUpOptions {
  signal: AbortSignal;
  /** Undefined when the doctor could not read the configuration: then there is nothing to report on. */
  compose: LeftCompose | undefined;
  clean: boolean;
  out: Out;
  elapsedMs: () => number;
  /** Between two lists of the containers (see settledContainers); a fake clock's in tests. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `up`'s steps; once the signal has aborted, whatever they throw (the Interrupted
 * of a wait, or the failure of the Compose child it stopped) becomes the report below.
 */
export async function interruptibleUp<T>({ signal, compose, clean, out, elapsedMs, sleep }: InterruptibleUpOptions, steps: () => Promise<T>): Promise<T> {
  try {
    throwIfInterrupted(signal);
    return await steps();
  } catch (error) {
    if (!signal.aborted) throw error;
    const interrupted = interruption(signal);
    if (!compose) throw interrupted;
    throw await leaveInterruptedUp({ compose, interrupted, clean, out, elapsedMs: elapsedMs(), ...(sleep ? { sleep } : {}) });
  }
}

export interface InterruptedUpOptions {
  compose: LeftCompose;
  interrupted: Interrupted;
  clean: boolean;
  out: Out;
  elapsedMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** How often, and how many times at most, the containers are listed until two lists agree. */
export const SETTLE_INTERVAL_MS = 500;
const SETTLE_LISTS = 10;

/** Cleans up if asked and returns the Interrupted to throw: its message says what is left, its fix what to run. */
export async function leaveInterruptedUp({ compose, interrupted, clean, out, elapsedMs, sleep = realClock.sleep }: InterruptedUpOptions): Promise<Interrupted> {
  const { signalName } = interrupted;
  const how = `up interrupted by ${signalName === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM'} after ${formatDuration(elapsedMs)}`;
  out.line();
  // Said once, in the error below; this line only shows that the signal was heard.
  out.line(out.yellow('stopping…'));
  if (clean) {
    out.line('--clean: removing the containers (data volumes are kept); interrupt again to stop at once');
    const failure = await compose.down().then(
      () => undefined,
      (error: unknown) => error,
    );
    if (failure === undefined) return new Interrupted(signalName, `${how}; --clean removed the containers (data volumes kept)`, 'npm run up starts the stack again');
    return new Interrupted(signalName, `${how}; --clean could not remove the containers: ${errorText(failure)}`, 'npm run down removes them (keeps data)');
  }
  const containers = await settledContainers(compose, sleep).catch((error: unknown) => errorText(error));
  if (typeof containers === 'string') {
    return new Interrupted(signalName, `${how}; the containers it started are left as they are (could not list them: ${containers})`, 'npm run status shows them; npm run down stops them (keeps data)');
  }
  const { running, created } = leftBehind(containers);
  if (running.length === 0 && created.length === 0) return new Interrupted(signalName, `${how}; nothing of the stack is running`, 'npm run up starts it');
  const example = (running.find((service) => service.readiness !== 'ready') ?? running[0])?.service ?? '<service>';
  const next: Array<[string, string]> = [
    ['npm run status', 'shows how far each service got'],
    [`npm run logs -- ${example}`, `shows what ${example} is doing`],
  ];
  const width = Math.max(...next.map(([command]) => command.length));
  return new Interrupted(
    signalName,
    [
      [
        `${how}; left running: ${running.map((service) => `${service.service} (${service.detail})`).join(', ') || 'none'}`,
        ...(created.length > 0 ? [`created, not started: ${created.map((service) => service.service).join(', ')}`] : []),
      ].join('; '),
      ...next.map(([command, what], i) => `  ${i === 0 ? 'next:' : '     '} ${command.padEnd(width)}  ${what}`),
    ].join('\n'),
    'npm run up picks up where it stopped; npm run down stops the stack (keeps data)',
  );
}

/**
 * The containers once the daemon has done what Compose asked. Compose exits at once on
 * SIGINT, but a start it had already requested finishes in the daemon afterwards: a
 * container listed `created` at that moment is running a moment later (seen with
 * kafka-init and connect). So the list is read until two reads SETTLE_INTERVAL_MS apart
 * agree on every container's state, at most SETTLE_LISTS times.
 */
async function settledContainers(compose: LeftCompose, sleep: (ms: number) => Promise<void>): Promise<ContainerState[]> {
  const states = (containers: ContainerState[]) => containers.map((c) => `${c.name}=${c.state}`).sort().join(',');
  let last = await compose.ps();
  for (let read = 1; read < SETTLE_LISTS; read++) {
    await sleep(SETTLE_INTERVAL_MS);
    const next = await compose.ps();
    if (states(next) === states(last)) return next;
    last = next;
  }
  return last;
}

/** Services with a running container, and those Compose created but never started; finished ones (a completed kafka-init) are neither. */
function leftBehind(containers: ContainerState[]) {
  const byState = (states: string[]) => {
    const matching = containers.filter((container) => states.includes(container.state));
    return assessStack(orderServices([...new Set(matching.map((container) => container.service))]), matching);
  };
  return { running: byState(['running', 'restarting', 'paused']), created: byState(['created']) };
}
