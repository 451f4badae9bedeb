/**
 * A profile on the real stack (issue 23). Borrows nothing: it needs a start of its own,
 * `npm run up -- --profile core`, which on the suite's full stack stops and removes Kafka,
 * Connect, Elasticsearch, the indexer, the booking services and the images. Then, through
 * HAProxy: a read and a write of the catalog, search's 503 that names the profile, HAProxy
 * restarted without those backends existing (it must start anyway), `status` listing what
 * is off, and `smoke` passing with those steps off. Afterwards the stack is put back as it
 * was found: the profile kept before (full when none), running, stopped or absent.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileProfileRecord } from '../../scripts/lib/config/profile-record.ts';
import { allServices, CORE_SERVICES, DEFAULT_PROFILE, isProfileName, profilePlanOf } from '../../scripts/lib/config/stack-config.ts';
import { describeResponse } from '../../scripts/lib/platform-client/api-client.ts';
import { api, createHotel, uniqueToken } from './support/api.ts';
import { awaitHealthy, containerOf, docker } from './support/fault-tools.ts';
import { runCli } from './support/run-cli.ts';
import { containers, stack } from './support/running-stack.ts';
import { findStack, type FoundStack } from './support/stack-lease.ts';

let found: FoundStack = 'absent';
let keptBefore: string | undefined;
const record = fileProfileRecord();

beforeAll(async () => {
  found = findStack();
  keptBefore = record.read(stack().project);
  const up = await runCli(['up', '--profile', 'core']);
  if (up.code !== 0) throw new Error(`npm run up -- --profile core exited ${up.code}; its output is above`);
});

afterAll(async () => {
  const before = keptBefore !== undefined && isProfileName(keptBefore) ? keptBefore : DEFAULT_PROFILE;
  if (found === 'running') {
    const up = await runCli(['up', '--profile', before]);
    if (up.code !== 0) throw new Error(`npm run up -- --profile ${before} exited ${up.code}: the stack is left on profile core`);
  } else {
    await record.write(stack().project, before);
    await runCli(found === 'absent' ? ['reset', '--yes'] : ['down']);
  }
});

describe('npm run up -- --profile core', () => {
  const base = stack().urls.api;
  const plan = profilePlanOf('core');

  test('runs the core services only: nothing of Kafka, Connect, Elasticsearch, the saga or the images is left', () => {
    const services = new Set(containers().map((c) => c.service));
    expect([...services].filter((service) => plan.off.has(service))).toEqual([]);
    expect(containers().filter((c) => c.running).map((c) => c.service).sort()).toEqual(CORE_SERVICES.filter((s) => s !== 'db-setup').sort());
    expect(plan.off.size + plan.services.length).toBe(allServices().length);
  });

  test('serves a read and a write of the catalog through HAProxy, and search answers 503 naming the profile', async () => {
    const read = await api(base, 'GET', '/api/hotels/1');
    expect(read.status, describeResponse(read)).toBe(200);
    const hotel = await createHotel(base, { name: `Profile ${uniqueToken('core')}`, city: 'Coreville', stars: 3, description: null });
    const back = await api(base, 'GET', `/api/hotels/${hotel.id}`);
    expect(back.body).toMatchObject({ id: hotel.id, name: hotel.name });
    expect((await api(base, 'DELETE', `/api/hotels/${hotel.id}`)).status).toBe(204);

    const search = await api(base, 'GET', '/api/search?q=harbour');
    expect(search.status, describeResponse(search)).toBe(503);
    expect(search.body).toMatchObject({ error: { code: 'search_off', message: expect.stringMatching(/profile core .*npm run up -- --profile full/) } });
    expect((await api(base, 'GET', '/api/healthz')).body).toMatchObject({ database: 'ok', elasticsearch: 'off' });
  });

  test('HAProxy starts while the backends the profile leaves out do not exist', async () => {
    await docker(['restart', await containerOf('haproxy')]);
    await awaitHealthy('haproxy', 30_000);
    const read = await api(base, 'GET', '/api/hotels/1');
    expect(read.status, describeResponse(read)).toBe(200);
  });

  test('status lists what is off and why, and calls the stack healthy; smoke passes with those steps off', async () => {
    const status = await runCli(['status', '--check']);
    expect(status.code).toBe(0);
    expect(status.output).toContain('profile core');
    expect(status.output).toMatch(/elasticsearch +off: not in profile core/);
    expect(status.output).toMatch(/booking +off: not in profile core/);
    const smoke = await runCli(['smoke']);
    expect(smoke.code).toBe(0);
    expect(smoke.output).toMatch(/search answers 503 naming profile core +ok/);
  });
});
