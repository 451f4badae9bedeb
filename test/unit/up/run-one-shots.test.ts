import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../../scripts/lib/compose/compose.ts';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { dependenciesOf, oneShotsToRunFirst, runOneShots } from '../../../scripts/lib/up/run-one-shots.ts';
import { Deadline } from '../../../scripts/lib/wait/clock.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const model: ComposeModel = {
  services: {
    mysql: {},
    'db-setup': { depends_on: { mysql: {} } },
    'catalog-api-1': { depends_on: { 'db-setup': {}, elasticsearch: {} } },
    elasticsearch: {},
    'kafka-init': { depends_on: { kafka: {} } },
    kafka: {},
    'object-store-init': {},
  },
};

const oneShot = (service: string, state: string, exitCode = 0): ContainerState => ({
  name: `p-${service}-1`, service, project: 'p', state, health: '', exitCode, oneOff: false, status: state, publishers: [], labels: {},
});

describe('which one-shots run first', () => {
  it('follows depends_on through other services', () => {
    expect([...dependenciesOf(model, ['catalog-api-1'])].sort()).toEqual(['db-setup', 'elasticsearch', 'mysql']);
  });

  it('takes only the one-shots being recreated that the replicas depend on', () => {
    expect(oneShotsToRunFirst(model, ['catalog-api-1'], ['db-setup', 'kafka-init', 'object-store-init', 'catalog-api-1'])).toEqual(['db-setup']);
    expect(oneShotsToRunFirst(model, ['catalog-api-1'], ['catalog-api-1'])).toEqual([]);
  });
});

describe('runOneShots', () => {
  it('starts them alone and waits until each has exited 0', async () => {
    const clock = fakeClock();
    const snapshots = [[oneShot('db-setup', 'running')], [oneShot('db-setup', 'running')], [oneShot('db-setup', 'exited', 0)]];
    const calls: string[] = [];
    await runOneShots(['db-setup'], {
      compose: { startAlone: async (services) => void calls.push(`start alone ${services.join(' ')}`), ps: async () => snapshots.shift()!, logs: async () => '' },
      clock,
      deadline: new Deadline(clock, 60_000),
      pollMs: 500,
    });
    expect(calls).toEqual(['start alone db-setup']);
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it('gives up at the deadline, naming what still runs', async () => {
    const clock = fakeClock();
    const run = runOneShots(['db-setup'], {
      compose: { startAlone: async () => {}, ps: async () => [oneShot('db-setup', 'running')], logs: async () => '' },
      clock,
      deadline: new Deadline(clock, 2_000),
    });
    await expect(run).rejects.toThrow(/db-setup still running after 2\.0 s: nothing was replaced/);
  });
});
