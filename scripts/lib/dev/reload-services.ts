/**
 * `npm run dev`'s reload of saved code (issue 23): the compiled files are copied into
 * the containers of every service they concern, then each such service is restarted.
 * Replicas behind one HAProxy backend are restarted one at a time with `up`'s drain
 * (up/rolling-replace.ts: drained, in-flight requests finished, restarted, healthy,
 * back): no request fails. A service alone in its backend (booking, inventory, ...) is
 * restarted directly. One-shots (db-setup) are not run again: their code runs at the
 * next `npm run up`, which rebuilds the image from the sources.
 *
 * Compose's own `develop.watch` (sync + restart) was the other way: it restarts every
 * changed service at once, with no drain in HAProxy, so both catalog-api replicas would
 * go down together; and it syncs source files, where the image runs compiled JavaScript.
 *
 * Side effects come in as parameters: the unit tests run it against fakes.
 */
import type { ContainerState } from '../compose/parse-ps.ts';
import type { ServerStats } from '../console/haproxy-stats.ts';
import type { ServerAdmin } from '../haproxy/server-admin.ts';
import { errorText } from '../text.ts';
import { replaceOneAtATime, replicasToRoll } from '../up/rolling-replace.ts';
import { formatDuration, type Clock, type Deadline } from '../wait/clock.ts';
import type { CompiledFiles } from './compile-sources.ts';
import type { ServiceProgram } from './service-programs.ts';

/** Where the services image keeps the compiled services (compose/services.Dockerfile: WORKDIR /app, COPY … ./services/dist). */
export const CONTAINER_DIST = '/app/services/dist';

export interface ReloadGroup {
  /** services/<folder>/: what the reload line names ("catalog-api reloaded in 1.1 s"). */
  name: string;
  programs: ServiceProgram[];
}

/**
 * The concerned programs that run now, grouped by their folder (catalog-api-1 and -2
 * are one reload); one-shots apart.
 */
export function groupReload(concerned: ServiceProgram[], containers: ContainerState[]): { groups: ReloadGroup[]; oneShots: string[] } {
  const running = new Set(containers.filter((c) => c.state === 'running' && !c.oneOff).map((c) => c.service));
  const groups = new Map<string, ServiceProgram[]>();
  const oneShots: string[] = [];
  for (const program of concerned) {
    if (program.oneShot) oneShots.push(program.service);
    else if (running.has(program.service)) groups.set(program.folder, [...(groups.get(program.folder) ?? []), program]);
  }
  return { groups: [...groups].map(([name, programs]) => ({ name, programs })), oneShots };
}

export interface ReloadDeps {
  /** Copies the compiled files into one service's container. */
  push(service: string, compiled: CompiledFiles): Promise<void>;
  /** Restarts one service's container; resolves with its addresses once its healthcheck passes inside it. */
  restart(program: ServiceProgram): Promise<string[]>;
  haproxy: ServerAdmin;
  clock: Clock;
  deadline: Deadline;
  out: { line(text: string): void };
  signal?: AbortSignal;
  /** How long HAProxy gets to send to a restarted replica's address (it resolves names every second). */
  addressWaitMs?: number;
}

export interface GroupOutcome {
  name: string;
  /** From the save to the group's last container back; undefined when it failed. */
  tookMs?: number;
  error?: string;
}

/** Reloads every group (in parallel; a group's replicas one at a time); one line per group. */
export async function reloadGroups(groups: ReloadGroup[], compiled: CompiledFiles, savedAt: number, deps: ReloadDeps): Promise<GroupOutcome[]> {
  const servers = await deps.haproxy.servers().catch(() => [] as ServerStats[]);
  return Promise.all(
    groups.map(async (group): Promise<GroupOutcome> => {
      try {
        // Copied into every container at once; each restart waits for its own copy only, so
        // the first replica's drain overlaps the second's copy.
        const pushed = new Map(group.programs.map((program) => [program.service, deps.push(program.service, compiled)]));
        for (const push of pushed.values()) push.catch(() => undefined);
        const restart = async (program: ServiceProgram) => {
          await pushed.get(program.service);
          return deps.restart(program);
        };
        await restartGroup(group, servers, { ...deps, restart });
        const tookMs = deps.clock.now() - savedAt;
        deps.out.line(`${group.name} reloaded in ${formatDuration(tookMs)}`);
        return { name: group.name, tookMs };
      } catch (error) {
        if (deps.signal?.aborted) throw error;
        deps.out.line(`${group.name} not reloaded: ${errorText(error)}`);
        return { name: group.name, error: errorText(error) };
      }
    }),
  );
}

async function restartGroup(group: ReloadGroup, servers: ServerStats[], deps: ReloadDeps): Promise<void> {
  const services = group.programs.map((program) => program.service);
  const replicas = replicasToRoll(servers, services);
  const rolled = new Set(replicas.map((replica) => replica.server));
  const alone = group.programs.filter((program) => !rolled.has(program.service));
  await Promise.all([
    // One after the other, should HAProxy's servers not be known (its stats unreadable).
    (async () => {
      for (const program of alone) await deps.restart(program);
    })(),
    replicas.length === 0
      ? Promise.resolve()
      : replaceOneAtATime(replicas, {
          haproxy: deps.haproxy,
          recreate: async (service) => {
            const program = group.programs.find((p) => p.service === service)!;
            const addresses = await deps.restart(program);
            await untilHaproxySendsTo(service, addresses, deps);
          },
          // Seen healthy inside the container, at the address HAProxy sends to: no wait for rise 2.
          forceHealthUp: true,
          onReplaced: () => {},
          clock: deps.clock,
          deadline: deps.deadline,
          out: deps.out,
          pollMs: 50,
          ...(deps.signal ? { signal: deps.signal } : {}),
        }),
  ]);
}

/**
 * A restart may give the container another address; HAProxy finds it through Docker's
 * DNS within a second (`resolvers docker`, haproxy.cfg). Until it does, it would send
 * the replica's share to the old address.
 */
async function untilHaproxySendsTo(server: string, addresses: string[], deps: ReloadDeps): Promise<void> {
  if (addresses.length === 0) return;
  const waitMs = deps.addressWaitMs ?? 5_000;
  const until = deps.clock.now() + waitMs;
  let seen = '';
  for (;;) {
    seen = (await deps.haproxy.servers()).find((stats) => stats.server === server)?.address ?? '';
    if (addresses.some((address) => seen.startsWith(`${address}:`))) return;
    if (deps.clock.now() >= until) throw new Error(`HAProxy still sends ${server}'s requests to ${seen || 'no address'} after ${formatDuration(waitMs)}; the container is at ${addresses.join(', ')}`);
    await deps.clock.sleep(100);
  }
}
