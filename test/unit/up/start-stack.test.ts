import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { assessStack } from '../../../scripts/lib/compose/stack-state.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { createOutput } from '../../../scripts/lib/ui/output.ts';
import { pickCulprit, startStack, type StackCompose } from '../../../scripts/lib/up/start-stack.ts';
import { Deadline } from '../../../scripts/lib/wait/clock.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const c = (service: string, state: string, health = '', exitCode = 0): ContainerState => ({
  name: `booking-${service}-1`, service, project: 'booking', state, health, exitCode, oneOff: false, status: '', publishers: [], labels: {},
});

function sink() {
  const lines: string[] = [];
  const out = createOutput({ stream: { isTTY: false, write: (text: string) => (lines.push(text), true) }, env: {} });
  return { out, lines };
}

function fakeCompose(snapshots: ContainerState[][], upResult: () => Promise<void>): StackCompose & { downs: number } {
  let i = 0;
  const compose = {
    downs: 0,
    up: async () => upResult(),
    ps: async () => snapshots[Math.min(i++, snapshots.length - 1)]!,
    logs: async (services: string[]) => `${services[0]} | ERROR: bootstrap checks failed\n${services[0]} | max virtual memory areas vm.max_map_count [65530] is too low`,
    down: async () => void compose.downs++,
  };
  return compose;
}

describe('startStack', () => {
  const services = ['mysql', 'kafka-init', 'elasticsearch'];

  it('trusts ps over the exit code of `up --wait` when a one-shot completed (docker/compose#10596)', async () => {
    const clock = fakeClock();
    const { out, lines } = sink();
    const compose = fakeCompose([[c('mysql', 'running', 'healthy'), c('kafka-init', 'exited'), c('elasticsearch', 'running', 'healthy')]], () =>
      Promise.reject(new UserError('docker compose up failed (exit 1): container booking-kafka-init-1 exited (0)', 'x')),
    );
    const ready = await startStack({ compose, services, deadline: new Deadline(clock, 60_000), clock, out });
    expect([...ready.keys()].sort()).toEqual(['elasticsearch', 'kafka-init', 'mysql']);
    expect(lines.join('')).toContain('kafka-init       completed');
  });

  it('shows what Compose said when it failed before creating any container', async () => {
    const clock = fakeClock();
    const { out } = sink();
    const compose = fakeCompose([[]], () =>
      Promise.reject(new UserError('docker compose up failed (exit 17): failed to solve: lookup registry-1.docker.io: no such host', 'x')),
    );
    const error = (await startStack({ compose, services, deadline: new Deadline(clock, 60_000), clock, out }).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('Compose could not start the stack');
    expect(error.message).toContain('lookup registry-1.docker.io: no such host');
    expect(error.fix).toContain('fix what Compose reports');
  });

  it('names the failing service, shows its last log lines and leaves it running', async () => {
    const clock = fakeClock();
    const { out } = sink();
    const compose = fakeCompose([[c('mysql', 'running', 'healthy'), c('kafka-init', 'exited'), c('elasticsearch', 'exited', '', 78)]], () =>
      Promise.reject(new UserError('docker compose up failed (exit 1): dependency failed to start: container booking-elasticsearch-1 exited (78)', 'x')),
    );
    const error = (await startStack({ compose, services, deadline: new Deadline(clock, 60_000), clock, out }).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('elasticsearch did not become ready (exited (78))');
    expect(error.message).toContain('vm.max_map_count [65530] is too low');
    expect(error.message).toContain('left running for inspection');
    expect(error.fix).toContain('npm run logs elasticsearch');
    expect(compose.downs).toBe(0);
  });

  it('removes the stack on failure with --clean', async () => {
    const clock = fakeClock();
    const compose = fakeCompose([[c('mysql', 'running', 'unhealthy')]], () => Promise.reject(new Error('exit 1')));
    const error = (await startStack({ compose, services: ['mysql'], deadline: new Deadline(clock, 1000), clock, out: sink().out, clean: true }).catch((e: unknown) => e)) as UserError;
    expect(error.message).toContain('the stack was removed (--clean)');
    expect(compose.downs).toBe(1);
  });

  it('prints each service as its state changes, with time to ready', async () => {
    const clock = fakeClock();
    const { out, lines } = sink();
    let release!: () => void;
    const upDone = new Promise<void>((resolve) => (release = resolve));
    const snapshots = [[c('mysql', 'running', 'starting')], [c('mysql', 'running', 'starting')], [c('mysql', 'running', 'healthy')]];
    let i = 0;
    const compose: StackCompose = {
      up: () => upDone,
      ps: async () => {
        const snap = snapshots[Math.min(i++, snapshots.length - 1)]!;
        if (i >= snapshots.length) release();
        return snap;
      },
      logs: async () => '',
      down: async () => undefined,
    };
    const ready = await startStack({ compose, services: ['mysql'], deadline: new Deadline(clock, 60_000), clock, out, pollMs: 1000 });
    expect(lines.filter((l) => l.includes('mysql')).map((l) => l.trim().replace(/\s+/g, ' '))).toEqual(['mysql health: starting (1.0 s)', 'mysql healthy (3.0 s)']);
    expect(ready.get('mysql')).toBe(3000);
  });
});

describe('pickCulprit', () => {
  it('prefers the container Compose named, then failed, then starting', () => {
    const reports = assessStack(['mysql', 'kafka', 'connect'], [c('mysql', 'running', 'starting'), c('kafka', 'running', 'unhealthy'), c('connect', 'running', 'healthy')]);
    expect(pickCulprit(reports, 'container booking-connect-1 is unhealthy')?.service).toBe('connect');
    expect(pickCulprit(reports, '')?.service).toBe('kafka');
    expect(pickCulprit(reports.slice(0, 1), '')?.service).toBe('mysql');
  });
});
