import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../../scripts/lib/compose/compose.ts';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { CONFIG_HASH_LABEL, type ServiceReport } from '../../../scripts/lib/compose/service-readiness.ts';
import type { StackConfig } from '../../../scripts/lib/config/stack-config.ts';
import type { ServerStats } from '../../../scripts/lib/console/haproxy-stats.ts';
import type { ServerAdmin } from '../../../scripts/lib/haproxy/server-admin.ts';
import { rollReplicas } from '../../../scripts/lib/up/roll-replicas.ts';
import { Deadline } from '../../../scripts/lib/wait/clock.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const container = (service: string, hash: string): ContainerState => ({
  name: `roll-${service}-1`, service, project: 'roll', state: 'running', health: 'healthy', exitCode: 0, oneOff: false, status: 'Up', publishers: [], labels: { [CONFIG_HASH_LABEL]: hash },
});
const stats = (server: string): ServerStats => ({ proxy: server === 'booking' ? 'booking' : 'catalog_api', server, status: 'UP', up: true, lastCheck: 'L7OK', sinceChangeSeconds: 1, sessions: 0, sessionRate: 0, responses5xx: 0, totalSessions: 0, address: '' });
const ready = (service: string): ServiceReport => ({ service, readiness: 'ready', detail: 'healthy', containers: [] });

/** The dependencies as compose.yaml declares them (config --format json writes each as a map). */
const model: ComposeModel = {
  services: {
    haproxy: {},
    mysql: {},
    'db-setup': { depends_on: { mysql: { condition: 'service_healthy' } } },
    'catalog-api-1': { depends_on: { 'db-setup': { condition: 'service_completed_successfully' } } },
    'catalog-api-2': { depends_on: { 'db-setup': { condition: 'service_completed_successfully' } } },
    'object-store-init': {},
    booking: { depends_on: { 'db-setup': { condition: 'service_completed_successfully' } } },
    images: { depends_on: { 'object-store-init': { condition: 'service_completed_successfully' } } },
  },
};

/**
 * catalog-api-1, catalog-api-2 and booking run, with db-setup and object-store-init done;
 * `changed` are the services whose configuration changed. A one-shot started alone has
 * exited with `oneShotExit` by the next `ps`.
 */
function world({ changed = ['catalog-api-1', 'catalog-api-2', 'booking'], haproxyReady = true, statsFail = false, oneShotExit = 0 } = {}) {
  const services = ['haproxy', 'mysql', 'db-setup', 'catalog-api-1', 'catalog-api-2', 'booking', 'object-store-init', 'images'];
  const oneShots = new Map([['db-setup', 0], ['object-store-init', 0]]);
  const calls: string[] = [];
  const lines: string[] = [];
  const haproxy: ServerAdmin = {
    servers: async () => {
      if (statsFail) throw new Error('HTTP 401');
      return ['catalog-api-1', 'catalog-api-2', 'booking'].map(stats);
    },
    setState: async (backend, server, state) => void calls.push(`${state} ${server}`),
  };
  const clock = fakeClock();
  return {
    calls,
    lines,
    options: {
      compose: {
        ps: async () => services.map((s) => (oneShots.has(s) ? { ...container(s, 'old'), state: 'exited', exitCode: oneShots.get(s)! } : container(s, 'old'))),
        recreate: async (service: string) => void calls.push(`recreate ${service}`),
        config: async () => model,
        startAlone: async (started: string[]) => {
          calls.push(`start alone ${started.join(' ')}`);
          for (const service of started) oneShots.set(service, oneShotExit);
        },
        logs: async () => 'Error: migration 7 failed',
      },
      stack: {} as StackConfig,
      before: services.map((s) => (s === 'haproxy' && !haproxyReady ? { ...ready(s), readiness: 'starting' as const } : ready(s))),
      hashes: new Map(services.map((s) => [s, changed.includes(s) ? 'new' : 'old'])),
      out: { line: (text: string) => void lines.push(text) },
      clock,
      deadline: new Deadline(clock, 600_000),
      haproxy,
    },
  };
}

describe('rollReplicas', () => {
  it('replaces the changed replicas of a backend one at a time, leaves a single server to Compose, and names what it replaced', async () => {
    const { calls, lines, options } = world();
    expect(await rollReplicas(options)).toEqual(['catalog-api-1', 'catalog-api-2']);
    expect(calls).toEqual(['drain catalog-api-1', 'recreate catalog-api-1', 'ready catalog-api-1', 'drain catalog-api-2', 'recreate catalog-api-2', 'ready catalog-api-2']);
    expect(lines[0]).toBe('replacing catalog-api-1, catalog-api-2 one at a time behind HAProxy');
  });

  it('after a rebuild, runs the one-shot the replicas depend on alone before them, and leaves the others to Compose', async () => {
    // The new image: every service on it is about to be recreated, the one-shots too.
    const { calls, lines, options } = world({ changed: ['db-setup', 'catalog-api-1', 'catalog-api-2', 'booking', 'object-store-init', 'images'] });
    expect(await rollReplicas(options)).toEqual(['catalog-api-1', 'catalog-api-2']);
    expect(calls).toEqual(['start alone db-setup', 'drain catalog-api-1', 'recreate catalog-api-1', 'ready catalog-api-1', 'drain catalog-api-2', 'recreate catalog-api-2', 'ready catalog-api-2']);
    expect(lines[0]).toMatch(/^  db-setup ran first, alone, in \d+ ms \(the replicas depend on it\)$/);
  });

  it('replaces nothing when the one-shot fails, and shows its last lines', async () => {
    const { calls, options } = world({ changed: ['db-setup', 'catalog-api-1', 'catalog-api-2'], oneShotExit: 1 });
    await expect(rollReplicas(options)).rejects.toThrow(/db-setup exited 1 before the replicas were replaced: nothing was replaced[\s\S]*migration 7 failed/);
    expect(calls).toEqual(['start alone db-setup']);
  });

  it('does nothing when HAProxy is not serving, is recreated itself, or nothing behind it changes', async () => {
    for (const setup of [{ haproxyReady: false }, { changed: ['haproxy', 'catalog-api-1', 'catalog-api-2'] }, { changed: ['booking'] }]) {
      const { calls, lines, options } = world(setup);
      expect(await rollReplicas(options)).toEqual([]);
      expect([calls, lines], JSON.stringify(setup)).toEqual([[], []]);
    }
  });

  it("says so and leaves it to Compose when HAProxy's stats cannot be read", async () => {
    const { calls, lines, options } = world({ statsFail: true });
    await rollReplicas(options);
    expect(calls).toEqual([]);
    expect(lines).toEqual(["  could not read HAProxy's servers (HTTP 401): Compose recreates the replicas together"]);
  });
});
