import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { handleChanges, type HandleDeps } from '../../../scripts/lib/dev/handle-changes.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { Deadline } from '../../../scripts/lib/wait/clock.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const running = (service: string): ContainerState => ({ name: `p-${service}-1`, service, project: 'p', state: 'running', health: 'healthy', exitCode: 0, oneOff: false, status: 'Up', publishers: [], labels: {} });

function world({ compileError = false } = {}) {
  const log: string[] = [];
  const lines: string[] = [];
  const clock = fakeClock(0);
  const deps: HandleDeps = {
    repoRoot: '/repo',
    programs: [
      { service: 'booking', folder: 'booking', oneShot: false, healthcheck: undefined },
      { service: 'payment', folder: 'payment', oneShot: false, healthcheck: undefined },
      { service: 'db-setup', folder: 'db-setup', oneShot: true, healthcheck: undefined },
    ],
    clock,
    deadline: new Deadline(clock, 60_000),
    exists: (path) => !path.endsWith('deleted.ts'),
    compile: (sources) => {
      log.push(`compile ${sources.join(' ')}`);
      if (compileError) throw new UserError('services/booking/app.ts does not compile: line 2, column 18: Expression expected', 'fix the file and save it again');
      return { dir: '/tmp/does-not-exist-compiled', files: [] };
    },
    ps: async () => [running('booking'), running('payment')],
    runUp: async () => void log.push('npm run up'),
    push: async (service) => void log.push(`push ${service}`),
    restart: async ({ service }) => (log.push(`restart ${service}`), []),
    haproxy: { servers: async () => [], setState: async () => {} },
    out: { line: (text) => void lines.push(text) },
  };
  return { log, lines, deps };
}

describe('handleChanges', () => {
  it("compiles the saved files that exist and reloads only the services whose folder they are in", async () => {
    const { log, lines, deps } = world();
    await handleChanges({ savedAt: 0, paths: ['services/booking/app.ts', 'services/booking/deleted.ts', 'README.md'] }, deps);
    expect(log).toEqual(['compile services/booking/app.ts', 'push booking', 'restart booking']);
    expect(lines).toEqual(['booking reloaded in 0 ms']);
  });

  it('pushes while Compose lists the containers, and once only per service', async () => {
    const { log, deps } = world();
    deps.ps = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push('ps answered');
      return [running('booking')];
    };
    await handleChanges({ savedAt: 0, paths: ['services/kit/serve.ts'] }, deps);
    // payment does not run: it got the push (for its next start) and no restart.
    expect(log).toEqual(['compile services/kit/serve.ts', 'push booking', 'push payment', 'ps answered', 'restart booking']);
  });

  it('rebuilds through up for package.json, whatever else was saved with it', async () => {
    const { log, lines, deps } = world();
    expect(await handleChanges({ savedAt: 0, paths: ['package-lock.json', 'services/booking/app.ts'] }, deps)).toEqual({ kind: 'rebuilt' });
    expect(log).toEqual(['npm run up']);
    expect(lines[0]).toBe('package-lock.json changed: a push cannot carry it, so the services image is rebuilt (npm run up)');
  });

  it('says a one-shot runs at the next up, and pushes nothing for it', async () => {
    const { log, lines, deps } = world();
    await handleChanges({ savedAt: 0, paths: ['services/db-setup/main.ts'] }, deps);
    expect(log).toEqual(['compile services/db-setup/main.ts']);
    expect(lines).toEqual(['db-setup runs once, at start: the change runs at the next npm run up (which rebuilds the image)']);
  });

  it('leaves the services on their code when a file does not compile, and says where', async () => {
    const { log, lines, deps } = world({ compileError: true });
    expect(await handleChanges({ savedAt: 0, paths: ['services/booking/app.ts'] }, deps)).toEqual({ kind: 'not compiled' });
    expect(log).toEqual(['compile services/booking/app.ts']);
    expect(lines).toEqual(['not reloaded: services/booking/app.ts does not compile: line 2, column 18: Expression expected (fix the file and save it again)']);
  });
});
