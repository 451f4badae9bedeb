/**
 * `up`'s step between building the local images and `compose up`: on a running stack,
 * the replicas behind HAProxy that Compose would recreate (a new build of their image,
 * or a changed configuration) are replaced one at a time first (rolling-replace.ts), so
 * the `compose up` after it finds them current and recreates only the rest.
 * On a stack that is not serving (HAProxy not ready, or about to be recreated itself)
 * there is nothing to keep answering, and Compose does it all as before.
 */
import type { Compose } from '../compose/compose.ts';
import { servicesOnOlderImages, staleServices, type ServiceReport } from '../compose/service-readiness.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { statsServerAdmin, type ServerAdmin } from '../haproxy/server-admin.ts';
import { errorText } from '../text.ts';
import type { Output } from '../ui/output.ts';
import type { Clock, Deadline } from '../wait/clock.ts';
import { replaceOneAtATime, replicasToRoll } from './rolling-replace.ts';

export interface RollReplicasOptions {
  compose: Pick<Compose, 'ps' | 'recreate'>;
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

export async function rollReplicas({ compose, stack, before, hashes, out, clock, deadline, signal, haproxy }: RollReplicasOptions): Promise<void> {
  if (before.find((report) => report.service === 'haproxy')?.readiness !== 'ready') return;
  // Asked again after the build: the services on the image just built are now on an older one.
  const containers = await compose.ps();
  const recreating = [...new Set([...staleServices(hashes, containers), ...servicesOnOlderImages(containers)])];
  if (recreating.length === 0 || recreating.includes('haproxy')) return;
  const admin = haproxy ?? statsServerAdmin({ statsUrl: stack.urls.stats, credentials: stack.statsCredentials });
  let servers;
  try {
    servers = await admin.servers();
  } catch (error) {
    out.line(`  could not read HAProxy's servers (${errorText(error)}): Compose recreates the replicas together`);
    return;
  }
  const replicas = replicasToRoll(servers, recreating);
  if (replicas.length === 0) return;
  out.line(`replacing ${replicas.map((replica) => replica.server).join(', ')} one at a time behind HAProxy`);
  await replaceOneAtATime(replicas, {
    haproxy: admin,
    recreate: (service, waitTimeoutSeconds) => compose.recreate(service, { waitTimeoutSeconds, ...(signal ? { signal } : {}) }),
    clock,
    deadline,
    out,
    ...(signal ? { signal } : {}),
  });
}
