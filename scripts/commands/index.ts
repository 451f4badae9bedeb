/**
 * Every command, by the name scripts/cli.ts is called with. Static imports keep the
 * map type-checked (each module must export a `command`); loaded on demand, so
 * `npm run status` does not pay for kafkajs and the Elasticsearch client.
 *
 * Adding a command: one entry here and one script in package.json
 * (`"name": "exec node --import tsx scripts/cli.ts name"`; one node process, where the `tsx`
 * command would start two).
 */
import type { Command } from '../lib/cli/command.ts';

export const commands = {
  doctor: () => import('./doctor.ts'),
  up: () => import('./up.ts'),
  status: () => import('./status.ts'),
  logs: () => import('./logs.ts'),
  down: () => import('./down.ts'),
  reset: () => import('./reset.ts'),
  smoke: () => import('./smoke.ts'),
  seed: () => import('./seed.ts'),
  'build-images': () => import('./build-images.ts'),
  'bench-latency': () => import('./bench-latency.ts'),
  'bench-idle': () => import('./bench-idle.ts'),
  'bench-up': () => import('./bench-up.ts'),
  'bench-reload': () => import('./bench-reload.ts'),
  console: () => import('./console.ts'),
  dev: () => import('./dev.ts'),
  'dev-web': () => import('./dev-web.ts'),
  'bench-web': () => import('./bench-web.ts'),
  'k8s-generate': () => import('./k8s-generate.ts'),
  'k8s-check': () => import('./k8s-check.ts'),
  'k8s-secrets': () => import('./k8s-secrets.ts'),
  reindex: () => import('./reindex.ts'),
  verify: () => import('./verify.ts'),
  'verify-bookings': () => import('./verify-bookings.ts'),
  'bench-verify': () => import('./bench-verify.ts'),
  'bench-throughput': () => import('./bench-throughput.ts'),
  'bench-bookings': () => import('./bench-bookings.ts'),
  'bench-availability': () => import('./bench-availability.ts'),
  'bench-images': () => import('./bench-images.ts'),
  'tls-trust': () => import('./tls-trust.ts'),
  snapshot: () => import('./snapshot.ts'),
} satisfies Record<string, () => Promise<{ command: Command }>>;

export type CommandName = keyof typeof commands;

export function isCommandName(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(commands, name);
}
