/**
 * One container of a service made to run newly pushed code: restarted (SIGTERM, the
 * kit's drain, then start: the container, its address and its writable layer stay),
 * then its own healthcheck, as compose.yaml declares it, run inside it every 50 ms in
 * one `exec` until it passes. Docker's health status would only say so at the next
 * `interval` (5 s); HAProxy's check needs `rise 2` × `inter 1s`; `npm run dev` has 2 s.
 */
import type { Compose } from '../compose/compose.ts';
import { untilInterrupted } from '../interrupts.ts';
import type { ServiceProgram } from './service-programs.ts';

const PROBE_EVERY_SECONDS = 0.05;

/**
 * The command that waits inside the container: the healthcheck until it passes (or
 * `budgetSeconds` pass), then the container's addresses on its networks (`hostname -i`),
 * which HAProxy must be sending to before the replica gets traffic again.
 */
export function probeCommand(healthcheck: string[] | undefined, budgetSeconds: number): string[] {
  const tries = Math.max(1, Math.ceil(budgetSeconds / PROBE_EVERY_SECONDS));
  const loop = [
    'n=0',
    `until "$@" >/dev/null 2>&1; do n=$((n+1)); if [ "$n" -ge ${tries} ]; then echo "its healthcheck still fails after ${budgetSeconds} s" >&2; exit 1; fi; sleep ${PROBE_EVERY_SECONDS}; done`,
    // No address (no `hostname` in the image): the caller skips its check of HAProxy's.
    'hostname -i 2>/dev/null || true',
  ].join('; ');
  const check = !healthcheck ? ['true'] : healthcheck[0] === 'CMD-SHELL' ? ['sh', '-c', healthcheck[1] ?? 'true'] : healthcheck.slice(1);
  return ['sh', '-c', loop, 'probe', ...check];
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

/** Restarts the container and resolves with its addresses once its healthcheck passes. */
export async function restartInPlace(program: ServiceProgram, { compose, signal, budgetSeconds = 60 }: RestartDeps): Promise<string[]> {
  await untilInterrupted(compose.restart(program.service, signal ? { signal } : {}), signal);
  return parseAddresses(await untilInterrupted(compose.exec(program.service, probeCommand(program.healthcheck, budgetSeconds)), signal));
}
