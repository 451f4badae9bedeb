import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorDeps } from '../../../scripts/lib/doctor/run-doctor.ts';
import { takeSnapshotAlongTheDoctor, type SnapshotDoctorDeps } from '../../../scripts/lib/up/stack-snapshot.ts';
import { runDoctorReport } from '../../../scripts/lib/doctor/doctor-report.ts';
import { createOutput } from '../../../scripts/lib/ui/output.ts';
import { GiB } from '../../../scripts/lib/doctor/check.ts';
import type { PortProbe } from '../../../scripts/lib/doctor/port-probe.ts';
import { fakeExec } from '../helpers/fake-exec.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'doctor-'));
  await mkdir(join(root, 'compose'));
  await writeFile(join(root, 'compose', 'versions.env'), 'MYSQL_VERSION=8.4\n');
  await writeFile(
    join(root, 'compose', '.env.example'),
    'DB_ENGINE=mysql\nHTTP_PORT=8080\nSTATS_PORT=8404\nMYSQL_PORT=3306\nKAFKA_PORT=9092\nCONNECT_PORT=8083\nELASTICSEARCH_PORT=9200\n' +
      'MYSQL_ROOT_PASSWORD=\nMYSQL_DATABASE=booking\nMYSQL_USER=catalog\nMYSQL_PASSWORD=\nDEBEZIUM_DB_USER=debezium\nDEBEZIUM_DB_PASSWORD=\n' +
      'HAPROXY_STATS_USER=admin\nHAPROXY_STATS_PASSWORD=\nELASTICSEARCH_HEAP=512m\nKAFKA_HEAP=384m\nCONNECT_HEAP=512m\n',
  );
  await writeFile(join(root, 'compose', 'reload-on-hup.sh'), '#!/usr/bin/env bash\r\necho hi\r\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

function deps(exec: DoctorDeps['exec'], overrides: Partial<SnapshotDoctorDeps> = {}): SnapshotDoctorDeps {
  return {
    root,
    exec,
    env: {},
    platform: 'linux',
    nodeVersion: '20.19.2',
    envInput: { envFile: join(root, '.env'), exampleFile: join(root, 'compose', '.env.example'), versionsFile: join(root, 'compose', 'versions.env'), root, env: {} },
    stack: () => ({ ps: async () => [], config: async () => ({ services: {} }), serviceHashes: async () => new Map() }),
    composeVersions: async () => ({ v2: '2.26.1' }),
    probePort: async () => 'free',
    findHolder: async () => undefined,
    ownConsoleOn: async () => false,
    freeBytes: async () => 100 * GiB,
    readHostFile: () => '262144\n',
    readTls: () => ({ files: {} }),
    now: () => Date.UTC(2026, 11, 7),
    ...overrides,
  };
}

/** The doctor as `up` runs it, with the snapshot `up` takes along (up/stack-snapshot.ts). */
async function doctorForUp(given: SnapshotDoctorDeps) {
  const labelsAskedFor: string[] = [];
  const taker = takeSnapshotAlongTheDoctor(given, async (tag) => {
    labelsAskedFor.push(tag);
    return new Map([[`booking-devstack/services:${tag}`, 'fingerprint']]);
  });
  const report = await runDoctor(taker.doctorDeps);
  return { ...report, stack: await taker.snapshot(report), labelsAskedFor };
}

describe('runDoctor', () => {
  it('with no Docker daemon: fails naming the problem and fix, after fixing line endings and creating .env', async () => {
    const exec = fakeExec((cmd) => (cmd === 'docker' ? { code: 1, stderr: 'Cannot connect to the Docker daemon at unix:///nonexistent.sock. Is the docker daemon running?' } : { code: 1 }));
    const report = await runDoctor(deps(exec));
    const byName = Object.fromEntries(report.results.map((r) => [r.name, r]));
    expect(report.failed).toBe(true);
    expect(byName.docker).toMatchObject({ status: 'fail' });
    expect(byName.docker!.summary).toContain('not reachable');
    expect(byName.docker!.fix).toBeTruthy();
    expect(byName['line endings']).toMatchObject({ status: 'fixed', details: ['compose/reload-on-hup.sh: CRLF → LF'] });
    expect(await readFile(join(root, 'compose', 'reload-on-hup.sh'), 'utf8')).toBe('#!/usr/bin/env bash\necho hi\n');
    expect(byName['.env']!.details?.[0]).toContain('created .env');
    expect(byName.compose!.status).toBe('skip');
    expect(byName.memory!.status).toBe('skip');
    expect(byName.ports!.status).toBe('ok');
  });

  it('passes on a good machine', async () => {
    const exec = fakeExec((cmd, args) => {
      if (cmd !== 'docker') return { code: 1 };
      if (args[0] === 'version') return { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}' };
      if (args[0] === 'info' && args[2] === '{{.MemTotal}}') return { stdout: String(8 * GiB) };
      if (args[0] === 'info') return { stdout: '/var/lib/docker' };
      return { stdout: '' };
    });
    const report = await runDoctor(deps(exec));
    expect(report.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(report.failed).toBe(false);
    expect(report.config?.values.DB_ENGINE).toBe('mysql');
  });

  it('hands up the services and containers it saw, so a no-op up asks Compose nothing more', async () => {
    const exec = fakeExec((cmd, args) => {
      if (cmd !== 'docker') return { code: 1 };
      if (args[0] === 'version') return { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}' };
      if (args[0] === 'exec') return { stdout: `MemTotal: ${8 * 1024 * 1024} kB\nMemAvailable: ${7 * 1024 * 1024} kB\n262144\n` };
      if (args[0] === 'info') return { stdout: '/var/lib/docker' };
      return { code: 1 };
    });
    const mysql = { name: 'booking-mysql-1', service: 'mysql', project: 'booking', state: 'running', health: 'healthy', exitCode: 0, oneOff: false, status: 'Up', publishers: [], labels: {} };
    const hashes = new Map([['mysql', 'h1'], ['haproxy', 'h2']]);
    const stack = () => ({ ps: async () => [mysql], config: async () => ({ services: {} }), serviceHashes: async () => hashes });
    const report = await doctorForUp(deps(exec, { stack }));
    const { imageLabels, ...snapshot } = report.stack!;
    expect(snapshot).toEqual({ services: ['haproxy', 'mysql'], hashes, containers: [mysql] });
    // The local images' labels, asked at the same moment, for the project's own tag (stack-config.ts localImageTagOf).
    expect(report.labelsAskedFor).toEqual(['booking']);
    expect(await imageLabels).toEqual(new Map([['booking-devstack/services:booking', 'fingerprint']]));
    expect(report.results.find((r) => r.name === 'memory')?.summary).toContain('running container booking-mysql-1');
  });

  it("checks CONSOLE_PORT like every port, and accepts this checkout's own console on it", async () => {
    const exec = fakeExec((cmd, args) => {
      if (cmd !== 'docker') return { code: 1 };
      if (args[0] === 'version') return { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}' };
      if (args[0] === 'info') return { stdout: '/var/lib/docker' };
      return { stdout: '' };
    });
    const probePort = async (port: number): Promise<PortProbe> => (port === 9900 ? 'in-use' : 'free');
    const foreign = await runDoctor(deps(exec, { probePort, findHolder: async () => 'node (pid 4242)' }));
    expect(foreign.results.find((r) => r.name === 'ports')).toMatchObject({ status: 'fail', summary: 'port 9900 (CONSOLE_PORT) is taken by node (pid 4242)' });
    const own = await runDoctor(deps(exec, { probePort, ownConsoleOn: async (port) => port === 9900 }));
    expect(own.results.find((r) => r.name === 'ports')).toMatchObject({ status: 'ok', details: ['9900 (CONSOLE_PORT) is held by this stack\'s console (npm run console)'] });
  });

  it('checks memory and ports for the chosen profile: core needs no KAFKA_PORT and far less memory', async () => {
    const exec = fakeExec((cmd, args) => {
      if (cmd !== 'docker') return { code: 1 };
      if (args[0] === 'version') return { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}' };
      if (args[0] === 'info') return { stdout: args.includes('{{.MemTotal}}') ? String(2 * GiB) : '/var/lib/docker' };
      return { stdout: '' };
    });
    const probePort = async (port: number): Promise<PortProbe> => (port === 9092 ? 'in-use' : 'free');
    const full = await runDoctor(deps(exec, { probePort, findHolder: async () => 'java (pid 9)' }));
    expect(full.results.find((r) => r.name === 'ports')).toMatchObject({ status: 'fail', summary: 'port 9092 (KAFKA_PORT) is taken by java (pid 9)' });
    expect(full.results.find((r) => r.name === 'memory')?.status).toBe('fail');
    const core = await runDoctor(deps(exec, { probePort, findHolder: async () => 'java (pid 9)', profile: () => 'core' }));
    expect(core.stackConfig?.profile.name).toBe('core');
    expect(core.results.find((r) => r.name === 'ports')?.status).toBe('ok');
    expect(core.results.find((r) => r.name === 'memory')).toMatchObject({ status: 'warn', summary: expect.stringContaining('for profile core') });
  });

  it('builds the typed StackConfig once: Compose gets the same object the report hands to up', async () => {
    const exec = fakeExec((cmd, args) => (cmd === 'docker' && args[0] === 'version' ? { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}' } : { code: 1 }));
    const given: unknown[] = [];
    const stack: SnapshotDoctorDeps['stack'] = (_config, stackConfig) => {
      given.push(stackConfig);
      return { ps: async () => [], config: async () => ({ services: {} }), serviceHashes: async () => new Map() };
    };
    const report = await runDoctor(deps(exec, { stack }));
    expect(report.stackConfig?.ports.http).toBe(8080);
    expect(given).toHaveLength(1);
    expect(given[0]).toBe(report.stackConfig);
  });
});

describe('runDoctorReport', () => {
  it('prints a heading, each check as it is known, and a verdict that counts the failures and the time taken', async () => {
    const exec = fakeExec((cmd) => (cmd === 'docker' ? { code: 1, stderr: 'Cannot connect to the Docker daemon at unix:///nonexistent.sock. Is the docker daemon running?' } : { code: 1 }));
    const written: string[] = [];
    const out = createOutput({ stream: { isTTY: false, write: (text: string) => (written.push(text), true) }, env: {} });
    let now = 0;
    const report = await runDoctorReport(out, deps(exec), () => (now += 1200));
    const lines = written.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('doctor');
    expect(lines.some((line) => line.startsWith('✖ docker'))).toBe(true);
    expect(lines.at(-1)).toBe('1 check(s) failed (1.2 s)');
    expect(report.failed).toBe(true);
  });
});

describe('runDoctor round trips', () => {
  it('asks Compose for the hashes and the containers without waiting for the version checks', async () => {
    // The versions answer only once ps was asked: sequential probes would never finish.
    let psAsked!: () => void;
    const asked = new Promise<void>((resolve) => (psAsked = resolve));
    const exec = fakeExec((cmd, args) => {
      if (cmd !== 'docker') return { code: 1 };
      if (args[0] === 'version') return { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}' };
      if (args[0] === 'info') return { stdout: '/var/lib/docker' };
      return { code: 1 };
    });
    const stack = () => ({ ps: async () => (psAsked(), []), config: async () => ({ services: {} }), serviceHashes: async () => new Map([['mysql', 'h']]) });
    const composeVersions = async () => (await asked, { v2: '2.26.1' });
    const report = await doctorForUp(deps(exec, { stack, composeVersions }));
    expect(report.stack?.services).toEqual(['mysql']);
  }, 5_000);

  it('keeps nothing it asked the stack when Compose is missing', async () => {
    const exec = fakeExec((cmd, args) => (cmd === 'docker' && args[0] === 'version' ? { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}' } : { code: 1 }));
    const report = await doctorForUp(deps(exec, { composeVersions: async () => ({ v2Error: "docker: 'compose' is not a docker command." }) }));
    expect(report.results.find((r) => r.name === 'compose')?.status).toBe('fail');
    expect(report.stack).toBeUndefined();
  });
});

describe('runDoctor: where values come from, and every host port', () => {
  const dockerUp = () =>
    fakeExec((cmd, args) => {
      if (cmd !== 'docker') return { code: 1 };
      if (args[0] === 'version') return { stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"28.2.2"}}' };
      if (args[0] === 'info') return { stdout: '/var/lib/docker' };
      return { stdout: '' };
    });

  it('names each variable the shell overrides, with its value, and never shows a secret', async () => {
    await runDoctor(deps(dockerUp()));
    const envFile = join(root, '.env');
    await writeFile(envFile, (await readFile(envFile, 'utf8')).replace('DB_ENGINE=mysql', 'DB_ENGINE=mariadb').replace(/^MYSQL_PASSWORD=.*$/m, 'MYSQL_PASSWORD=from-the-file'));
    const shell = { DB_ENGINE: 'mysql', MYSQL_PASSWORD: 's3cret-from-shell', HTTP_PORT: '8080' };
    const base = deps(dockerUp());
    const report = await runDoctor({ ...base, envInput: { ...base.envInput, env: shell } });
    const env = report.results.find((r) => r.name === '.env')!;
    expect(env).toMatchObject({ status: 'ok', summary: 'valid (DB_ENGINE=mysql, from the shell)' });
    // HTTP_PORT is the same in both: nothing hidden, nothing said.
    expect(env.details).toEqual([
      "DB_ENGINE=mysql from the shell overrides .env's mariadb; unset DB_ENGINE to use .env",
      "MYSQL_PASSWORD is set in the shell and overrides .env's value (not shown: a secret); unset MYSQL_PASSWORD to use .env",
    ]);
    expect(JSON.stringify(report.results)).not.toMatch(/s3cret-from-shell|from-the-file/);
  });

  it('names the override also when the value it brings is refused', async () => {
    await runDoctor(deps(dockerUp()));
    const base = deps(dockerUp());
    const report = await runDoctor({ ...base, envInput: { ...base.envInput, env: { DB_ENGINE: 'postgres' } } });
    expect(report.results.find((r) => r.name === '.env')).toMatchObject({ status: 'fail', details: ["DB_ENGINE=postgres from the shell overrides .env's mysql; unset DB_ENGINE to use .env"] });
  });

  it('checks WEB_DEV_PORT too: taken, it warns that `npm run dev:web` cannot start, and does not fail `up`', async () => {
    const probePort = async (port: number): Promise<PortProbe> => (port === 5173 ? 'in-use' : 'free');
    const report = await runDoctor(deps(dockerUp(), { probePort, findHolder: async () => 'vite (pid 77)' }));
    expect(report.results.find((r) => r.name === 'ports')).toMatchObject({
      status: 'warn',
      summary: 'port 5173 (WEB_DEV_PORT) is taken by vite (pid 77): npm run dev:web cannot start (the stack does not need it)',
    });
    expect(report.failed).toBe(false);
  });
});
