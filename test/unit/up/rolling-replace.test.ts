import { describe, expect, it } from 'vitest';
import type { ServerStats } from '../../../scripts/lib/console/haproxy-stats.ts';
import type { ServerAdmin, ServerAdminState } from '../../../scripts/lib/haproxy/server-admin.ts';
import { ReplicaNotBack, replaceOneAtATime, replicasToRoll, type Replica } from '../../../scripts/lib/up/rolling-replace.ts';
import { Deadline } from '../../../scripts/lib/wait/clock.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

function server(proxy: string, name: string, fields: Partial<ServerStats> = {}): ServerStats {
  return { proxy, server: name, status: 'UP', up: true, lastCheck: 'L7OK 200 in 1ms', sinceChangeSeconds: 10, sessions: 0, sessionRate: 0, responses5xx: 0, totalSessions: 0, address: '', ...fields };
}

/**
 * HAProxy and Compose as one small world, each step logged in order: a drained server
 * finishes its in-flight requests over two polls; a recreated server is DOWN until its
 * check has run twice (rise 2), unless it is one of `neverHealthy`.
 */
function fakeWorld({ neverHealthy = [] as string[], inFlight = 1 } = {}) {
  const log: string[] = [];
  const clock = fakeClock();
  const state = new Map<string, { admin: Exclude<ServerAdminState, 'health-up'>; sessions: number; checksToUp: number }>(
    ['catalog-api-1', 'catalog-api-2'].map((name) => [name, { admin: 'ready', sessions: inFlight, checksToUp: 0 }]),
  );
  const haproxy: ServerAdmin = {
    async servers() {
      return [...state].map(([name, s]) => {
        const polled = s;
        const status = polled.checksToUp > 0 ? 'DOWN' : polled.admin === 'drain' ? 'DRAIN' : 'UP';
        if (polled.admin === 'drain' && polled.sessions > 0) polled.sessions -= 1;
        else if (polled.checksToUp > 0 && polled.admin === 'ready') polled.checksToUp -= 1;
        return server('catalog_api', name, { status, sessions: s.sessions });
      });
    },
    async setState(backend, name, admin) {
      log.push(`haproxy ${admin} ${backend}/${name}`);
      if (admin === 'health-up') state.get(name)!.checksToUp = 0;
      else state.get(name)!.admin = admin;
    },
  };
  const recreate = async (service: string) => {
    const s = state.get(service)!;
    log.push(`compose recreate ${service} (in flight: ${s.sessions})`);
    if (neverHealthy.includes(service)) throw new Error(`container roll-${service}-1 is unhealthy`);
    s.checksToUp = 2;
  };
  const lines: string[] = [];
  const deps = { haproxy, recreate, clock, deadline: new Deadline(clock, 600_000), out: { line: (text: string) => lines.push(text) } };
  return { log, lines, deps, state };
}

const catalog: Replica[] = [
  { backend: 'catalog_api', server: 'catalog-api-1' },
  { backend: 'catalog_api', server: 'catalog-api-2' },
];

describe('replicasToRoll', () => {
  const stats = [server('catalog_api', 'catalog-api-1'), server('catalog_api', 'catalog-api-2'), server('booking', 'booking'), server('web', 'web')];

  it('takes the servers of backends with replicas that are about to be recreated, in HAProxy order', () => {
    expect(replicasToRoll(stats, ['booking', 'catalog-api-2', 'catalog-api-1', 'web'])).toEqual(catalog);
  });

  it('leaves single-server backends and services that are not recreated to Compose', () => {
    expect(replicasToRoll(stats, ['booking', 'web'])).toEqual([]);
    expect(replicasToRoll(stats, ['catalog-api-2'])).toEqual([catalog[1]]);
  });
});

describe('replaceOneAtATime', () => {
  it('drains, waits for the requests in flight, recreates, takes back and sees UP, one replica after the other', async () => {
    const { log, lines, deps } = fakeWorld();
    await replaceOneAtATime(catalog, deps);
    expect(log).toEqual([
      'haproxy drain catalog_api/catalog-api-1',
      'compose recreate catalog-api-1 (in flight: 0)',
      'haproxy ready catalog_api/catalog-api-1',
      'haproxy drain catalog_api/catalog-api-2',
      'compose recreate catalog-api-2 (in flight: 0)',
      'haproxy ready catalog_api/catalog-api-2',
    ]);
    expect(lines).toEqual([expect.stringMatching(/^ {2}catalog-api-1 replaced: drained, recreated and UP in HAProxy in /), expect.stringMatching(/^ {2}catalog-api-2 replaced/)]);
  });

  it('does not drain the next replica before HAProxy reports the previous one UP', async () => {
    const { deps, log } = fakeWorld();
    const servers = deps.haproxy.servers.bind(deps.haproxy);
    deps.haproxy.servers = async () => {
      const stats = await servers();
      log.push(`poll catalog-api-1=${stats.find((s) => s.server === 'catalog-api-1')!.status}`);
      return stats;
    };
    await replaceOneAtATime(catalog, deps);
    const secondDrain = log.indexOf('haproxy drain catalog_api/catalog-api-2');
    expect(log.slice(log.indexOf('haproxy ready catalog_api/catalog-api-1'), secondDrain)).toEqual(['haproxy ready catalog_api/catalog-api-1', 'poll catalog-api-1=DOWN', 'poll catalog-api-1=DOWN', 'poll catalog-api-1=UP']);
  });

  it('stops at a replica that never becomes healthy, names it, says what to do, and leaves the other serving', async () => {
    const { log, deps, state } = fakeWorld({ neverHealthy: ['catalog-api-1'] });
    const error = await replaceOneAtATime(catalog, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplicaNotBack);
    expect((error as ReplicaNotBack).message).toBe(
      "catalog-api-1's new container did not become healthy: container roll-catalog-api-1-1 is unhealthy\ncatalog-api-2 was not touched and still serves catalog_api with the previous build",
    );
    expect((error as ReplicaNotBack).fix).toBe('npm run logs catalog-api-1 shows why it does not start; fix that, then npm run up replaces the rest');
    expect(log.filter((step) => step.includes('catalog-api-2'))).toEqual([]);
    expect(state.get('catalog-api-2')!.admin).toBe('ready');
    // Handed back to HAProxy's health check, which keeps it out while it fails.
    expect(log.at(-1)).toBe('haproxy ready catalog_api/catalog-api-1');
  });

  it('names a healthy replica HAProxy never reports UP, with its last check', async () => {
    const { deps } = fakeWorld();
    deps.recreate = async () => {};
    deps.haproxy.servers = async () => [server('catalog_api', 'catalog-api-1', { status: 'DOWN', lastCheck: 'L4CON in 0ms: Connection refused' }), server('catalog_api', 'catalog-api-2')];
    const error = await replaceOneAtATime(catalog, { ...deps, upWaitMs: 3000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplicaNotBack);
    expect((error as Error).message).toMatch(/^catalog-api-1's new container is healthy, but HAProxy still reports it DOWN after 3\.0 s \(last check: L4CON in 0ms: Connection refused\)\ncatalog-api-2 was not touched/);
  });

  it("with forceHealthUp, tells HAProxy the replica is healthy at once instead of waiting out its check's rise", async () => {
    const { deps, log } = fakeWorld();
    const replaced: string[] = [];
    await replaceOneAtATime(catalog, { ...deps, forceHealthUp: true, onReplaced: (server) => void replaced.push(server) });
    expect(log.slice(0, 4)).toEqual(['haproxy drain catalog_api/catalog-api-1', 'compose recreate catalog-api-1 (in flight: 0)', 'haproxy health-up catalog_api/catalog-api-1', 'haproxy ready catalog_api/catalog-api-1']);
    // UP at the first poll: no wait for two more checks.
    expect(deps.clock.sleeps).toEqual([]);
    expect(replaced).toEqual(['catalog-api-1', 'catalog-api-2']);
  });

  it('stops the replica anyway when requests outlast the wait, and says so', async () => {
    const { deps, lines, log } = fakeWorld({ inFlight: 1_000 });
    await replaceOneAtATime([catalog[0]!], { ...deps, inFlightWaitMs: 2000 });
    expect(lines[0]).toMatch(/^ {2}catalog-api-1: \d+ requests still in flight after 2\.0 s: stopping it anyway/);
    expect(log[1]).toMatch(/^compose recreate catalog-api-1/);
  });

  it('stops nothing when HAProxy refuses the drain', async () => {
    const { deps, log } = fakeWorld();
    deps.haproxy.setState = async () => {
      throw new Error('HAProxy did not set catalog_api/catalog-api-1 to drain: HTTP 401');
    };
    await expect(replaceOneAtATime(catalog, deps)).rejects.toThrow(/HTTP 401/);
    expect(log).toEqual([]);
  });
});
