/**
 * Replaces the replicas of a service behind HAProxy one at a time, so that a rebuild
 * drops no request (issue 23). `compose up` recreates every changed container at once:
 * with both catalog-api replicas stopped together HAProxy had no server and answered
 * 503, and a request sent on a connection the stopping replica was closing was lost.
 *
 * For each replica, in order, and only once the one before is back:
 * 1. HAProxy drains it (administrative state DRAIN): no new request goes to it;
 * 2. its in-flight requests finish (HAProxy's current sessions for it reach 0; if some
 *    outlast the wait, the service's own drain on SIGTERM lets them finish);
 * 3. Compose recreates it alone and waits until its healthcheck passes;
 * 4. HAProxy takes it back (READY), and its own check must report it UP.
 * A replica that does not come back stops the sequence with an error naming it: the
 * replicas not yet replaced keep serving the previous build.
 *
 * Side effects come in as parameters (HAProxy, Compose, the clock), so the order is
 * unit-tested with fakes; `up` wires the real ones, and `dev` can reuse it.
 */
import type { ServerStats } from '../console/haproxy-stats.ts';
import type { ServerAdmin } from '../haproxy/server-admin.ts';
import { UserError } from '../errors.ts';
import { throwIfInterrupted, untilInterrupted } from '../interrupts.ts';
import { errorText } from '../text.ts';
import { formatDuration, type Clock, type Deadline } from '../wait/clock.ts';

/** One HAProxy server that is one Compose service (haproxy.cfg names servers after their services). */
export interface Replica {
  backend: string;
  server: string;
}

/**
 * The servers to replace one at a time: those of a backend with two servers or more
 * that are among the services about to be recreated. A single server cannot hand its
 * traffic to another; Compose recreates it with the rest.
 */
export function replicasToRoll(servers: ServerStats[], recreating: string[]): Replica[] {
  const byBackend = new Map<string, string[]>();
  for (const { proxy, server } of servers) byBackend.set(proxy, [...(byBackend.get(proxy) ?? []), server]);
  return [...byBackend].filter(([, names]) => names.length >= 2).flatMap(([backend, names]) => names.filter((name) => recreating.includes(name)).map((server) => ({ backend, server })));
}

export interface RollingDeps {
  haproxy: ServerAdmin;
  /** Recreates one service alone and resolves once its healthcheck passes (compose up --no-deps --wait). */
  recreate(service: string, waitTimeoutSeconds: number): Promise<void>;
  clock: Clock;
  deadline: Deadline;
  out: { line(text: string): void };
  signal?: AbortSignal;
  pollMs?: number;
  /** How long HAProxy's requests in flight on a drained replica get before it is stopped anyway. */
  inFlightWaitMs?: number;
  /** How long HAProxy's check gets to report a recreated, healthy replica UP (rise 2 × inter 1 s, plus DNS). */
  upWaitMs?: number;
  /**
   * Once `recreate` resolved, tell HAProxy the replica is healthy instead of waiting for
   * its check (rise 2 × inter 1 s): only for a `recreate` that has itself seen the
   * replica's healthcheck pass at the address HAProxy sends to (`npm run dev`'s restart).
   */
  forceHealthUp?: boolean;
  /** Told of each replica replaced; by default a line on `out`. */
  onReplaced?: (server: string, tookMs: number) => void;
}

export class ReplicaNotBack extends UserError {}

export async function replaceOneAtATime(replicas: Replica[], deps: RollingDeps): Promise<void> {
  for (const [index, replica] of replicas.entries()) {
    throwIfInterrupted(deps.signal);
    const waiting = replicas.slice(index + 1).map((r) => r.server);
    await replaceOne(replica, waiting, deps);
  }
}

async function replaceOne({ backend, server }: Replica, waiting: string[], deps: RollingDeps): Promise<void> {
  const { haproxy, clock, out } = deps;
  const started = clock.now();
  await haproxy.setState(backend, server, 'drain');
  let recreated = false;
  try {
    const idle = await pollServer({ backend, server }, (stats) => stats.sessions === 0, deps.inFlightWaitMs ?? 10_000, deps);
    if (!idle.met) out.line(`  ${server}: ${idle.last?.sessions ?? '?'} requests still in flight after ${formatDuration(deps.inFlightWaitMs ?? 10_000)}: stopping it anyway (the service finishes them before it exits)`);
    try {
      await untilInterrupted(deps.recreate(server, deps.deadline.remainingMs() / 1000), deps.signal);
      recreated = true;
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      throw new ReplicaNotBack(
        `${server}'s new container did not become healthy: ${errorText(error)}\n${stillServing(waiting, backend)}`,
        `npm run logs ${server} shows why it does not start; fix that, then npm run up replaces the rest`,
        { cause: error },
      );
    }
  } finally {
    if (recreated && deps.forceHealthUp) await haproxy.setState(backend, server, 'health-up').catch(() => undefined);
    // Back to HAProxy's health check in every case: a replica left in DRAIN would never
    // get traffic again, even once healthy (a later `up` finds it current, and rolls nothing).
    await haproxy.setState(backend, server, 'ready').catch((error: unknown) => out.line(`  ${server}: could not set it READY in HAProxy (${errorText(error)}): npm run down && npm run up resets it`));
  }
  const up = await pollServer({ backend, server }, (stats) => stats.status === 'UP', deps.upWaitMs ?? 15_000, deps);
  if (!up.met) {
    throw new ReplicaNotBack(
      `${server}'s new container is healthy, but HAProxy still reports it ${up.last?.status ?? 'missing'} after ${formatDuration(deps.upWaitMs ?? 15_000)} (last check: ${up.last?.lastCheck ?? 'none'})\n${stillServing(waiting, backend)}`,
      `npm run status shows HAProxy's view; npm run logs haproxy ${server} shows why the check fails; then npm run up`,
    );
  }
  const tookMs = clock.now() - started;
  if (deps.onReplaced) deps.onReplaced(server, tookMs);
  else out.line(`  ${server} replaced: drained, recreated and UP in HAProxy in ${formatDuration(tookMs)}`);
}

function stillServing(waiting: string[], backend: string): string {
  if (waiting.length === 0) return `the other replicas of ${backend} were replaced already and serve`;
  return `${waiting.join(', ')} ${waiting.length === 1 ? 'was' : 'were'} not touched and still ${waiting.length === 1 ? 'serves' : 'serve'} ${backend} with the previous build`;
}

interface Polled {
  met: boolean;
  last: ServerStats | undefined;
}

/** Polls HAProxy until the server meets the condition or the wait (within `up`'s deadline) runs out. */
async function pollServer({ backend, server }: Replica, condition: (stats: ServerStats) => boolean, waitMs: number, deps: RollingDeps): Promise<Polled> {
  const { clock, haproxy, deadline, pollMs = 250 } = deps;
  const until = Math.min(clock.now() + waitMs, deadline.expiresAt);
  let last: ServerStats | undefined;
  for (;;) {
    last = (await untilInterrupted(haproxy.servers(), deps.signal)).find((stats) => stats.proxy === backend && stats.server === server);
    if (last && condition(last)) return { met: true, last };
    if (clock.now() >= until) return { met: false, last };
    await untilInterrupted(clock.sleep(pollMs), deps.signal);
  }
}
