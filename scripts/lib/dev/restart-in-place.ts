/**
 * One container of a service made to run newly pushed code, in one `exec` inside it:
 * SIGHUP to the image's reloader (compose/reload-on-hup.sh), which stops the service's
 * process the graceful way (SIGTERM: the kit's drain) and starts it again in the same
 * container; then, once the old process is gone, the service's own healthcheck, as
 * compose.yaml declares it, every 50 ms until it passes. Docker's health status would
 * only say so at the next `interval` (5 s); HAProxy's check needs `rise 2` × `inter 1s`;
 * `npm run dev` has 2 s.
 *
 * Not `compose restart`: Docker's stop and start of the container, and a second Compose
 * call for the probe, cost about 0.6 s more per replica on a 2-core machine (measured:
 * restart 0.64–0.76 s under the bench's traffic). A container whose image has no reloader
 * (built before it) is restarted that way still.
 */
import { ComposeError, type Compose } from '../compose/compose.ts';
import { untilInterrupted } from '../interrupts.ts';
import type { ServiceProgram } from './service-programs.ts';

const PROBE_EVERY_SECONDS = 0.05;
/** Where the reloader writes its pid and its child's (compose/reload-on-hup.sh's default). */
export const RELOADER_PID_DIR = '/tmp';
/** The exit status of the reload command in a container with no reloader: restart it instead. */
export const NO_RELOADER = 64;

type Healthcheck = string[] | undefined;

/** The healthcheck as argv for "$@" (CMD-SHELL through sh). */
function checkArgs(healthcheck: Healthcheck): string[] {
  if (!healthcheck) return ['true'];
  return healthcheck[0] === 'CMD-SHELL' ? ['sh', '-c', healthcheck[1] ?? 'true'] : healthcheck.slice(1);
}

function triesWithin(budgetSeconds: number): number {
  return Math.max(1, Math.ceil(budgetSeconds / PROBE_EVERY_SECONDS));
}

/**
 * The shell lines that wait inside the container: the healthcheck ("$@") until it passes
 * (or `budgetSeconds` pass), then the container's addresses on its networks
 * (`hostname -i`), which HAProxy must be sending to before the replica gets traffic again.
 */
function probeLines(budgetSeconds: number): string[] {
  return [
    'n=0',
    `until "$@" >/dev/null 2>&1; do n=$((n+1)); if [ "$n" -ge ${triesWithin(budgetSeconds)} ]; then echo "its healthcheck still fails after ${budgetSeconds} s" >&2; exit 1; fi; sleep ${PROBE_EVERY_SECONDS}; done`,
    // No address (no `hostname` in the image): the caller skips its check of HAProxy's.
    'hostname -i 2>/dev/null || true',
  ];
}

/** The probe alone, for a container just restarted by Docker. */
export function probeCommand(healthcheck: Healthcheck, budgetSeconds: number): string[] {
  return ['sh', '-c', probeLines(budgetSeconds).join('; '), 'probe', ...checkArgs(healthcheck)];
}

/**
 * SIGHUP to the reloader, a wait until the process it is replacing has exited (its drain
 * included: until then the old code would pass the healthcheck), then the probe.
 * Exits NO_RELOADER when the container has none.
 */
export function reloadCommand(healthcheck: Healthcheck, budgetSeconds: number, pidDir = RELOADER_PID_DIR): string[] {
  const lines = [
    `[ -r ${pidDir}/reload-supervisor.pid ] && [ -r ${pidDir}/reload-child.pid ] || exit ${NO_RELOADER}`,
    `old=$(cat ${pidDir}/reload-child.pid)`,
    `kill -HUP "$(cat ${pidDir}/reload-supervisor.pid)" 2>/dev/null || exit ${NO_RELOADER}`,
    'n=0',
    `while kill -0 "$old" 2>/dev/null; do n=$((n+1)); if [ "$n" -ge ${triesWithin(budgetSeconds)} ]; then echo "its previous process still runs after ${budgetSeconds} s" >&2; exit 1; fi; sleep ${PROBE_EVERY_SECONDS}; done`,
    ...probeLines(budgetSeconds),
  ];
  return ['sh', '-c', lines.join('; '), 'reload', ...checkArgs(healthcheck)];
}

/** The addresses `hostname -i` printed. */
export function parseAddresses(output: string): string[] {
  return output.split(/\s+/).filter((word) => /^[\d.]+$|^[\da-f:]+$/i.test(word));
}

export interface RestartDeps {
  compose: Pick<Compose, 'restart' | 'exec'>;
  signal?: AbortSignal;
  budgetSeconds?: number;
}

/** Runs the service's process anew in its container; resolves with its addresses once its healthcheck passes. */
export async function restartInPlace(program: ServiceProgram, { compose, signal, budgetSeconds = 60 }: RestartDeps): Promise<string[]> {
  try {
    return parseAddresses(await untilInterrupted(compose.exec(program.service, reloadCommand(program.healthcheck, budgetSeconds)), signal));
  } catch (error) {
    if (!(error instanceof ComposeError && error.composeExitCode === NO_RELOADER)) throw error;
  }
  await untilInterrupted(compose.restart(program.service, signal ? { signal } : {}), signal);
  return parseAddresses(await untilInterrupted(compose.exec(program.service, probeCommand(program.healthcheck, budgetSeconds)), signal));
}
