/**
 * Runs one-shot services (db-setup, object-store-init) alone and waits until each has
 * exited 0: the step before replacing the replicas that depend on them.
 *
 * Why alone, and first: Compose 2.x force-recreates every dependent of a service it
 * recreates in the same `up` (pkg/compose/convergence.go, recreateContainer →
 * setDependentLifecycle). db-setup runs the services image, so after a rebuild the whole
 * `compose up` recreated it, and with it both catalog-api replicas at once, undoing
 * their replacement one at a time (the first run of the reload e2e test: 264 of 1926
 * reads failed). Recreated in a Compose call of its own, it is current by the time the
 * replicas are replaced, and the new code meets the schema its migrations made.
 *
 * No `--wait`: Compose counts a one-shot's exit as a failure to wait for
 * (docker/compose#10596), so `ps` is read until the container has exited.
 */
import type { Compose, ComposeModel } from '../compose/compose.ts';
import type { ContainerState } from '../compose/parse-ps.ts';
import { ONE_SHOT_SERVICES } from '../compose/service-readiness.ts';
import { UserError } from '../errors.ts';
import { untilInterrupted } from '../interrupts.ts';
import { indent } from '../text.ts';
import { formatDuration, type Clock, type Deadline } from '../wait/clock.ts';

/** Every service these depend on, directly or through others, by the model's depends_on. */
export function dependenciesOf(model: ComposeModel, services: string[]): Set<string> {
  const found = new Set<string>();
  const pending = [...services];
  for (let service = pending.pop(); service !== undefined; service = pending.pop()) {
    for (const dependency of Object.keys(model.services[service]?.depends_on ?? {})) {
      if (!found.has(dependency)) {
        found.add(dependency);
        pending.push(dependency);
      }
    }
  }
  return found;
}

/** The one-shots about to be recreated that the replicas depend on: run before the replicas are replaced. */
export function oneShotsToRunFirst(model: ComposeModel, replicas: string[], recreating: string[], oneShots = ONE_SHOT_SERVICES): string[] {
  const dependencies = dependenciesOf(model, replicas);
  return recreating.filter((service) => oneShots.has(service) && dependencies.has(service));
}

export class OneShotFailed extends UserError {}

export interface OneShotDeps {
  compose: Pick<Compose, 'startAlone' | 'ps' | 'logs'>;
  clock: Clock;
  deadline: Deadline;
  signal?: AbortSignal;
  pollMs?: number;
}

export async function runOneShots(services: string[], { compose, clock, deadline, signal, pollMs = 500 }: OneShotDeps): Promise<void> {
  if (services.length === 0) return;
  await untilInterrupted(compose.startAlone(services, signal ? { signal } : {}), signal);
  let pending = [...services];
  while (pending.length > 0) {
    const containers = await untilInterrupted(compose.ps(), signal);
    for (const service of pending) {
      const failed = exitedWith(containers, service);
      if (failed !== undefined && failed !== 0) {
        const logs = await compose.logs([service], { tail: 20 }).catch(() => '');
        throw new OneShotFailed(
          `${service} exited ${failed} before the replicas were replaced: nothing was replaced, the stack serves the previous build${logs.trim() ? `\nlast 20 log lines of ${service}:\n${indent(logs.trim())}` : ''}`,
          `npm run logs ${service} shows why; fix it, then npm run up`,
        );
      }
    }
    pending = pending.filter((service) => exitedWith(containers, service) !== 0);
    if (pending.length === 0) return;
    if (deadline.remainingMs() <= 0) {
      throw new OneShotFailed(`${pending.join(', ')} still running after ${formatDuration(deadline.elapsedMs())}: nothing was replaced`, `npm run logs ${pending[0]} shows where it waits; npm run up -- --timeout <seconds> allows more`);
    }
    await untilInterrupted(clock.sleep(pollMs), signal);
  }
}

/** The exit code of the service's container once it has exited; undefined while it runs or is missing. */
function exitedWith(containers: ContainerState[], service: string): number | undefined {
  const own = containers.find((container) => container.service === service && !container.oneOff);
  return own && (own.state === 'exited' || own.state === 'dead') ? own.exitCode : undefined;
}
