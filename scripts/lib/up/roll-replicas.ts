/**
 * `up`'s step between building the local images and `compose up`: on a running stack,
 * the replicas behind HAProxy that Compose would recreate (a new build of their image,
 * or a changed configuration) are replaced one at a time first (rolling-replace.ts).
 * Before them, the one-shots they depend on that are about to be recreated (db-setup,
 * on the same image) run alone (run-one-shots.ts); after them, `up` leaves the
 * replicas out of its `compose up`: Compose recreates the dependents of whatever it
 * recreates, and a dependency recreated there (db-setup, or the database after a
 * change to .env) would have recreated both replicas together again.
 * On a stack that is not serving (HAProxy not ready, or about to be recreated itself)
 * there is nothing to keep answering, and Compose does it all as before.
 */
import type { Compose } from '../compose/compose.ts';
import { servicesOnOlderImages, staleServices, type ServiceReport } from '../compose/service-readiness.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { statsServerAdmin, type ServerAdmin } from '../haproxy/server-admin.ts';
import { errorText } from '../text.ts';
import type { Output } from '../ui/output.ts';
import { formatDuration, type Clock, type Deadline } from '../wait/clock.ts';
import { replaceOneAtATime, replicasToRoll } from './rolling-replace.ts';
import { oneShotsToRunFirst, runOneShots } from './run-one-shots.ts';

export interface RollReplicasOptions {
  compose: Pick<Compose, 'ps' | 'recreate' | 'config' | 'startAlone' | 'logs'>;
  stack: StackConfig;
  /** The stack as it was before this `up`. */
  before: ServiceReport[];
  /** Each service's expected configuration hash (compose config --hash). */
  hashes: Map<string, string>;
  out: Pick<Output, 'line'>;
  clock: Clock;
  deadline: Deadline;
  signal?: AbortSignal;
  haproxy?: ServerAdmin;
}

/** The replicas it replaced, which the `compose up` after it must leave alone (none when it left them to Compose). */
export async function rollReplicas({ compose, stack, before, hashes, out, clock, deadline, signal, haproxy }: RollReplicasOptions): Promise<string[]> {
  if (before.find((report) => report.service === 'haproxy')?.readiness !== 'ready') return [];
  // Asked again after the build: the services on the image just built are now on an older one.
  const containers = await compose.ps();
  const recreating = [...new Set([...staleServices(hashes, containers), ...servicesOnOlderImages(containers)])];
  if (recreating.length === 0 || recreating.includes('haproxy')) return [];
  const admin = haproxy ?? statsServerAdmin({ statsUrl: stack.urls.stats, credentials: stack.statsCredentials });
  let servers;
  try {
    servers = await admin.servers();
  } catch (error) {
    out.line(`  could not read HAProxy's servers (${errorText(error)}): Compose recreates the replicas together`);
    return [];
  }
  const replicas = replicasToRoll(servers, recreating);
  if (replicas.length === 0) return [];
  const names = replicas.map((replica) => replica.server);
  const first = oneShotsToRunFirst(await compose.config(), names, recreating);
  if (first.length > 0) {
    const started = clock.now();
    await runOneShots(first, { compose, clock, deadline, ...(signal ? { signal } : {}) });
    out.line(`  ${first.join(', ')} ran first, alone, in ${formatDuration(clock.now() - started)} (the replicas depend on ${first.length === 1 ? 'it' : 'them'})`);
  }
  out.line(`replacing ${names.join(', ')} one at a time behind HAProxy`);
  await replaceOneAtATime(replicas, {
    haproxy: admin,
    recreate: (service, waitTimeoutSeconds) => compose.recreate(service, { waitTimeoutSeconds, ...(signal ? { signal } : {}) }),
    clock,
    deadline,
    out,
    ...(signal ? { signal } : {}),
  });
  return names;
}
