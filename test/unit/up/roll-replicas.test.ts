import { describe, expect, it } from 'vitest';
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
const stats = (server: string): ServerStats => ({ proxy: server === 'booking' ? 'booking' : 'catalog_api', server, status: 'UP', up: true, lastCheck: 'L7OK', sinceChangeSeconds: 1, sessions: 0, sessionRate: 0, responses5xx: 0, totalSessions: 0 });
const ready = (service: string): ServiceReport => ({ service, readiness: 'ready', detail: 'healthy', containers: [] });

/** catalog-api-1, catalog-api-2 and booking run; `changed` are the services whose configuration changed. */
function world({ changed = ['catalog-api-1', 'catalog-api-2', 'booking'], haproxyReady = true, statsFail = false } = {}) {
  const services = ['haproxy', 'catalog-api-1', 'catalog-api-2', 'booking'];
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
      compose: { ps: async () => services.map((s) => container(s, 'old')), recreate: async (service: string) => void calls.push(`recreate ${service}`) },
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
  it('replaces the changed replicas of a backend one at a time and leaves a single server to Compose', async () => {
    const { calls, lines, options } = world();
    await rollReplicas(options);
    expect(calls).toEqual(['drain catalog-api-1', 'recreate catalog-api-1', 'ready catalog-api-1', 'drain catalog-api-2', 'recreate catalog-api-2', 'ready catalog-api-2']);
    expect(lines[0]).toBe('replacing catalog-api-1, catalog-api-2 one at a time behind HAProxy');
  });

  it('does nothing when HAProxy is not serving, is recreated itself, or nothing behind it changes', async () => {
    for (const setup of [{ haproxyReady: false }, { changed: ['haproxy', 'catalog-api-1', 'catalog-api-2'] }, { changed: ['booking'] }]) {
      const { calls, lines, options } = world(setup);
      await rollReplicas(options);
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
