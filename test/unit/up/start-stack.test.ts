import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { assessStack } from '../../../scripts/lib/compose/service-readiness.ts';
import { formatUserError, Interrupted, UserError } from '../../../scripts/lib/errors.ts';
import { createOutput } from '../../../scripts/lib/ui/output.ts';
import { interruptibleUp } from '../../../scripts/lib/up/interrupted-up.ts';
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

  it('leaves the services it is told to alone out of `compose up`, and still counts them ready', async () => {
    const clock = fakeClock();
    const { out } = sink();
    const asked: Array<string[] | undefined> = [];
    const healthy = services.map((service) => c(service, service === 'kafka-init' ? 'exited' : 'running', service === 'kafka-init' ? '' : 'healthy'));
    const compose = { ...fakeCompose([healthy], async () => {}), up: async ({ services: named }: { services?: string[] }) => void asked.push(named) };
    const readyAfter = await startStack({ compose, services, deadline: new Deadline(clock, 60_000), clock, out, leaveAlone: ['elasticsearch'] });
    expect(asked).toEqual([['mysql', 'kafka-init']]);
    expect([...readyAfter.keys()]).toContain('elasticsearch');
  });

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

describe('Ctrl-C while up waits for the services', () => {
  const services = ['haproxy', 'mysql', 'kafka-init', 'connect', 'elasticsearch'];
  const halfStarted = [c('haproxy', 'running'), c('mysql', 'running', 'healthy'), c('kafka-init', 'exited'), c('connect', 'created'), c('elasticsearch', 'running', 'starting')];

  /**
   * A stack that never gets ready: `up --wait` ends only when its signal aborts (as
   * Compose does: "canceled", exit 130), or after 50 polls so that code which ignores
   * the signal ends (and fails the test) instead of hanging it.
   */
  function slowCompose(onPoll: (poll: number) => void, listed: (poll: number) => typeof halfStarted = () => halfStarted) {
    let release = () => {};
    let upSignal: AbortSignal | undefined;
    const compose = {
      polls: 0,
      downs: 0,
      upStopped: () => upSignal?.aborted === true,
      up: ({ signal }: { signal?: AbortSignal }) =>
        new Promise<void>((resolve, reject) => {
          upSignal = signal;
          release = resolve;
          signal?.addEventListener('abort', () => reject(new UserError('docker compose up failed (exit 130): canceled', 'x')));
        }),
      ps: async () => {
        onPoll(++compose.polls);
        if (compose.polls >= 50) release();
        return listed(compose.polls);
      },
      logs: async () => '',
      down: async () => void compose.downs++,
    };
    return compose;
  }

  async function interruptAtThirdPoll(clean: boolean, listed?: (poll: number) => typeof halfStarted) {
    const clock = fakeClock();
    const { out, lines } = sink();
    const controller = new AbortController();
    let pollsAtSignal = 0;
    const compose = slowCompose((poll) => {
      if (poll !== 3) return;
      controller.abort(new Interrupted('SIGINT'));
      pollsAtSignal = poll;
    }, listed);
    const { signal } = controller;
    const error = await interruptibleUp({ signal, compose, clean, out, elapsedMs: () => 12_300, sleep: clock.sleep }, () =>
      startStack({ compose, services, deadline: new Deadline(clock, 600_000), clock, out, clean, signal }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error: error as Interrupted, compose, lines, pollsAfterSignal: compose.polls - pollsAtSignal };
  }

  it('stops waiting and the Compose child, says what it leaves running and what to run next, exits 130', async () => {
    const { error, compose, pollsAfterSignal } = await interruptAtThirdPoll(false);
    expect(error).toBeInstanceOf(Interrupted);
    expect(error.exitCode).toBe(130);
    expect(compose.upStopped()).toBe(true);
    // Two `ps` after the signal, which agree: the report's, to name what is left. No more polling.
    expect(pollsAfterSignal).toBe(2);
    expect(compose.downs).toBe(0);
    expect(error.message).toContain(
      'up interrupted by Ctrl-C (SIGINT) after 12.3 s; left running: haproxy (running), mysql (healthy), elasticsearch (health: starting); created, not started: connect',
    );
    expect(error.message).toContain('npm run status');
    expect(error.message).toContain('npm run logs -- elasticsearch');
    expect(error.fix).toContain('npm run down');
  });

  it('says the interrupt once, and names a container the daemon finished starting after Compose stopped as running, not as created', async () => {
    const started = halfStarted.map((container) => (container.service === 'connect' ? c('connect', 'running', 'starting') : container));
    // Poll 4 is the first list after the signal: connect is still `created`; the daemon has started it by poll 5.
    const { error, lines, pollsAfterSignal } = await interruptAtThirdPoll(false, (poll) => (poll <= 4 ? halfStarted : started));
    expect(pollsAfterSignal).toBe(3);
    expect(error.message).toContain('connect (health: starting)');
    expect(error.message).not.toContain('not started');
    const said = `${lines.join('')}\n${formatUserError(error)}`;
    expect(said.match(/up interrupted by/g)).toHaveLength(1);
  });

  it('with --clean removes the containers (compose down, volumes kept) and still exits 130', async () => {
    const { error, compose, lines, pollsAfterSignal } = await interruptAtThirdPoll(true);
    expect(error).toBeInstanceOf(Interrupted);
    expect(error.exitCode).toBe(130);
    expect(compose.upStopped()).toBe(true);
    expect(pollsAfterSignal).toBe(0);
    expect(compose.downs).toBe(1);
    expect(error.message).toContain('--clean removed the containers (data volumes kept)');
    expect(lines.join('')).toContain('--clean: removing the containers');
  });

  it('exits 143 on SIGTERM', async () => {
    const controller = new AbortController();
    controller.abort(new Interrupted('SIGTERM'));
    const compose = slowCompose(() => {});
    const error = (await interruptibleUp({ signal: controller.signal, compose, clean: false, out: sink().out, elapsedMs: () => 0 }, async () => 'not reached').catch((e: unknown) => e)) as Interrupted;
    expect(error.exitCode).toBe(143);
    expect(error.message).toContain('up interrupted by SIGTERM');
  });

  it('lets a failure that is not an interrupt through unchanged', async () => {
    const failure = new UserError('mysql did not become ready', 'npm run logs -- mysql');
    const compose = slowCompose(() => {});
    const error = await interruptibleUp({ signal: new AbortController().signal, compose, clean: true, out: sink().out, elapsedMs: () => 0 }, () => Promise.reject(failure)).catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(compose.downs).toBe(0);
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
