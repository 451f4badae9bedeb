import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import type { ServerStats } from '../../../scripts/lib/console/haproxy-stats.ts';
import { groupReload, reloadGroups, type ReloadDeps } from '../../../scripts/lib/dev/reload-services.ts';
import type { ServiceProgram } from '../../../scripts/lib/dev/service-programs.ts';
import type { ServerAdmin } from '../../../scripts/lib/haproxy/server-admin.ts';
import { Deadline } from '../../../scripts/lib/wait/clock.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const program = (service: string, folder: string, oneShot = false): ServiceProgram => ({ service, folder, oneShot, healthcheck: ['CMD', 'true'] });
const running = (service: string, state = 'running'): ContainerState => ({ name: `p-${service}-1`, service, project: 'p', state, health: 'healthy', exitCode: 0, oneOff: false, status: state, publishers: [], labels: {} });
const stats = (proxy: string, server: string, address: string): ServerStats => ({ proxy, server, status: 'UP', up: true, lastCheck: 'L7OK', sinceChangeSeconds: 1, sessions: 0, sessionRate: 0, responses5xx: 0, totalSessions: 0, address });

const catalog = [program('catalog-api-1', 'catalog-api'), program('catalog-api-2', 'catalog-api')];

describe('groupReload', () => {
  it('groups the running services by folder, puts one-shots apart and leaves out what does not run', () => {
    const concerned = [...catalog, program('booking', 'booking'), program('payment', 'payment'), program('db-setup', 'db-setup', true)];
    const { groups, oneShots } = groupReload(concerned, [running('catalog-api-1'), running('catalog-api-2'), running('booking'), running('payment', 'exited'), running('db-setup', 'exited')]);
    expect(groups.map((g) => [g.name, g.programs.map((p) => p.service)])).toEqual([['catalog-api', ['catalog-api-1', 'catalog-api-2']], ['booking', ['booking']]]);
    expect(oneShots).toEqual(['db-setup']);
  });
});

/** HAProxy with catalog_api's two replicas and booking alone; a restart moves a container to a new address HAProxy learns at its next poll. */
function world({ failRestart = '' } = {}) {
  const log: string[] = [];
  const addresses = new Map([['catalog-api-1', '10.0.0.1'], ['catalog-api-2', '10.0.0.2'], ['booking', '10.0.0.3']]);
  const known = new Map(addresses);
  const haproxy: ServerAdmin = {
    servers: async () => {
      const answer = [stats('catalog_api', 'catalog-api-1', `${known.get('catalog-api-1')}:3000`), stats('catalog_api', 'catalog-api-2', `${known.get('catalog-api-2')}:3000`), stats('booking', 'booking', `${known.get('booking')}:3000`)];
      for (const [server, address] of addresses) known.set(server, address);
      return answer;
    },
    setState: async (backend, server, state) => void log.push(`haproxy ${state} ${server}`),
  };
  const clock = fakeClock(0);
  const lines: string[] = [];
  const deps: ReloadDeps = {
    push: async (service) => void log.push(`push ${service}`),
    restart: async ({ service }) => {
      log.push(`restart ${service}`);
      await clock.sleep(1000);
      if (service === failRestart) throw new Error('its healthcheck still fails after 60 s');
      addresses.set(service, addresses.get(service)!.replace(/\d+$/, (n) => String(Number(n) + 10)));
      return [addresses.get(service)!];
    },
    haproxy,
    clock,
    deadline: new Deadline(clock, 120_000),
    out: { line: (text) => void lines.push(text) },
  };
  return { log, lines, deps };
}

describe('reloadGroups', () => {
  const compiled = { dir: '/tmp/x', files: ['catalog-api/handlers.js'] };

  it('pushes into both replicas, restarts them one at a time behind HAProxy, and prints one line from the save', async () => {
    const { log, lines, deps } = world();
    const outcome = await reloadGroups([{ name: 'catalog-api', programs: catalog }], compiled, 0, deps);
    expect(log).toEqual([
      'push catalog-api-1',
      'push catalog-api-2',
      'haproxy drain catalog-api-1',
      'restart catalog-api-1',
      'haproxy health-up catalog-api-1',
      'haproxy ready catalog-api-1',
      'haproxy drain catalog-api-2',
      'restart catalog-api-2',
      'haproxy health-up catalog-api-2',
      'haproxy ready catalog-api-2',
    ]);
    expect(lines).toEqual([expect.stringMatching(/^catalog-api reloaded in 2\.\d s$/)]);
    expect(outcome).toEqual([{ name: 'catalog-api', tookMs: expect.any(Number) }]);
  });

  it('restarts a service alone in its backend directly, with no drain', async () => {
    const { log, lines, deps } = world();
    await reloadGroups([{ name: 'booking', programs: [program('booking', 'booking')] }], compiled, 0, deps);
    expect(log).toEqual(['push booking', 'restart booking']);
    expect(lines).toEqual(['booking reloaded in 1.0 s']);
  });

  it('says which group failed and why, keeps the other replica serving, and reloads the other groups', async () => {
    const { log, lines, deps } = world({ failRestart: 'catalog-api-1' });
    const outcome = await reloadGroups([{ name: 'catalog-api', programs: catalog }, { name: 'booking', programs: [program('booking', 'booking')] }], compiled, 0, deps);
    expect(log.filter((step) => step.includes('catalog-api-2'))).toEqual(['push catalog-api-2']);
    expect(log).toContain('haproxy ready catalog-api-1');
    expect(lines).toContainEqual(expect.stringMatching(/^booking reloaded in /));
    expect(lines.find((line) => line.startsWith('catalog-api not reloaded:'))).toMatch(/catalog-api-1's new container did not become healthy: its healthcheck still fails after 60 s/);
    expect(outcome.map((o) => [o.name, o.error === undefined])).toEqual([['catalog-api', false], ['booking', true]]);
  });
});
