import { describe, expect, it } from 'vitest';
import { ComposeError, createCompose, type ComposeInvocation, detectComposeVersions, imagesOf, parseServiceHashes, type ExecCompose } from '../../../scripts/lib/compose/compose.ts';
import type { HashAliases } from '../../../scripts/lib/compose/no-deps-hashes.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { paths } from '../../../scripts/lib/paths.ts';

function recorder(answer: (command: string) => Promise<{ code: number; stdout: string; stderr: string }>) {
  const calls: Array<{ command: string; args: string[]; options: ComposeInvocation }> = [];
  const exec: ExecCompose = async (command, args, options = {}) => {
    calls.push({ command, args, options });
    return answer(command);
  };
  return { exec, calls };
}

function memoryAliases(): HashAliases {
  const aliases = new Map<string, string>();
  return { read: () => new Map(aliases), add: async (label, full) => void aliases.set(label, full) };
}

describe('compose adapter', () => {
  it('passes the compose file and both env files as absolute paths, and spreads the environment', async () => {
    const { exec, calls } = recorder(async () => ({ code: 0, stdout: '', stderr: '' }));
    const compose = createCompose({ execCompose: exec, env: { PATH: '/bin', DB_IMAGE: 'mariadb:11.8' }, fileExists: () => true });
    await compose.ps();
    const [call] = calls;
    expect(call!.options.config).toBe(paths.composeFile);
    expect(call!.options.composeOptions).toEqual(['--env-file', paths.versionsFile, '--env-file', paths.envFile]);
    expect(call!.options.composeOptions).not.toContain('--project-directory');
    expect(call!.options.env).toEqual({ PATH: '/bin', DB_IMAGE: 'mariadb:11.8' });
    expect(call!.args).toEqual(['--all', '--format', 'json']);
  });

  it("removes the services a profile leaves out with every profile on, so Compose knows them; nothing to remove, no call", async () => {
    const { exec, calls } = recorder(async () => ({ code: 0, stdout: '', stderr: '' }));
    const compose = createCompose({ execCompose: exec, env: { COMPOSE_PROFILES: '' }, fileExists: () => true });
    await compose.remove([]);
    await compose.remove(['kafka', 'elasticsearch']);
    expect(calls.map((c) => [[c.command, ...c.args].join(' '), c.options.env?.COMPOSE_PROFILES])).toEqual([['rm --stop --force kafka elasticsearch', '*']]);
  });

  it('runs up with --wait and the remaining deadline, down with or without volumes', async () => {
    const { exec, calls } = recorder(async () => ({ code: 0, stdout: '', stderr: '' }));
    const compose = createCompose({ execCompose: exec, fileExists: () => true });
    await compose.up({ waitTimeoutSeconds: 299.2 });
    await compose.down();
    await compose.down({ volumes: true });
    expect(calls.map((c) => [c.command, ...c.args].join(' '))).toEqual(['up -d --wait --wait-timeout 300', 'down --remove-orphans', 'down --remove-orphans --volumes']);
  });

  it('recreates one service alone (--no-deps) and waits for its health, with the signal', async () => {
    const { exec, calls } = recorder(async () => ({ code: 0, stdout: '', stderr: '' }));
    const compose = createCompose({ execCompose: exec, fileExists: () => true, hashAliases: memoryAliases() });
    const { signal } = new AbortController();
    await compose.recreate('catalog-api-1', { waitTimeoutSeconds: 41.5, signal });
    expect(calls.map((c) => [c.command, ...c.args].join(' '))).toEqual(['up -d --no-deps --wait --wait-timeout 42 catalog-api-1', 'config --hash catalog-api-1', 'ps --all --format json catalog-api-1']);
    expect(calls[0]!.options.signal).toBe(signal);
  });

  it("records the full hash a replica's --no-deps label stands for (Compose 2.26-2.29.2), and ps reports the full one", async () => {
    const container = (hash: string) => JSON.stringify({ Name: 'b-catalog-api-1-1', Service: 'catalog-api-1', Project: 'b', State: 'running', Health: 'healthy', ExitCode: 0, Labels: `com.docker.compose.config-hash=${hash},com.docker.compose.service=catalog-api-1` });
    let label = 'nodeps1';
    const { exec } = recorder(async (command) => ({ code: 0, stdout: command === 'config' ? 'catalog-api-1 full1\n' : container(label), stderr: '' }));
    const aliases = memoryAliases();
    const compose = createCompose({ execCompose: exec, fileExists: () => true, hashAliases: aliases });
    await compose.recreate('catalog-api-1', { waitTimeoutSeconds: 10 });
    expect([...aliases.read()]).toEqual([['nodeps1', 'full1']]);
    expect((await compose.ps())[0]!.labels['com.docker.compose.config-hash']).toBe('full1');
    // A Compose whose label is the full hash already (2.29.3 and later): nothing recorded.
    label = 'full1';
    const later = memoryAliases();
    await createCompose({ execCompose: exec, fileExists: () => true, hashAliases: later }).recreate('catalog-api-1', { waitTimeoutSeconds: 10 });
    expect(later.read().size).toBe(0);
  });

  it('starts only the services named (what up leaves to Compose), one-shots alone without waiting; copies into and restarts one service (npm run dev)', async () => {
    const { exec, calls } = recorder(async () => ({ code: 0, stdout: '', stderr: '' }));
    const compose = createCompose({ execCompose: exec, fileExists: () => true });
    await compose.up({ waitTimeoutSeconds: 10, services: ['mysql', 'db-setup'] });
    await compose.startAlone(['db-setup']);
    await compose.copyInto('booking', '/tmp/stage', '/app/services/dist');
    await compose.restart('booking');
    expect(calls.map((c) => [c.command, ...c.args].join(' '))).toEqual([
      'up -d --wait --wait-timeout 10 mysql db-setup',
      'up -d --no-deps db-setup',
      'cp /tmp/stage/. booking:/app/services/dist',
      'restart --no-deps booking',
    ]);
  });

  it('hands the signal of up and build to the runner, so Ctrl-C stops the Compose child', async () => {
    const { exec, calls } = recorder(async () => ({ code: 0, stdout: '', stderr: '' }));
    const compose = createCompose({ execCompose: exec, fileExists: () => true });
    const { signal } = new AbortController();
    await compose.up({ waitTimeoutSeconds: 10, signal });
    await compose.build({ signal });
    await compose.ps();
    expect(calls.map((c) => [c.command, c.options.signal === signal])).toEqual([['up', true], ['build', true], ['ps', false]]);
  });

  it('turns the plain-object rejection into a ComposeError with the stderr and a fix', async () => {
    const { exec } = recorder(async () => ({ code: 1, stdout: '', stderr: 'dependency failed to start: container booking-mysql-1 is unhealthy\n' }));
    const error = await createCompose({ execCompose: exec, fileExists: () => true }).up({ waitTimeoutSeconds: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).message).toBe('docker compose up failed (exit 1): dependency failed to start: container booking-mysql-1 is unhealthy');
    expect((error as ComposeError).fix).toBeTruthy();
  });

  it('tells the user to create .env instead of letting Compose fail on it', async () => {
    const { exec, calls } = recorder(async () => ({ code: 0, stdout: '', stderr: '' }));
    const compose = createCompose({ execCompose: exec, fileExists: (path) => path !== paths.envFile });
    const error = await compose.ps().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('.env is missing');
    expect(calls).toHaveLength(0);
  });

  it('detects Compose v2, or v1 alone', async () => {
    const v2: ExecCompose = async () => ({ code: 0, stdout: '2.26.1-4\n', stderr: '' });
    expect(await detectComposeVersions(v2, {})).toEqual({ v2: '2.26.1-4' });
    const v1Only: ExecCompose = async (_c, _a, options) => {
      if (options?.executable?.standalone) return { code: 0, stdout: '1.29.2\n', stderr: '' };
      return { code: 1, stdout: '', stderr: "docker: 'compose' is not a docker command." };
    };
    expect(await detectComposeVersions(v1Only, {})).toEqual({ v1: '1.29.2', v2Error: "docker: 'compose' is not a docker command." });
  });
});

describe('imagesOf', () => {
  it('lists each image of the model once, skipping services without one', () => {
    const model = { services: { a: { image: 'booking-devstack/services:dev' }, b: { image: 'booking-devstack/services:dev' }, c: { image: 'haproxy:3.2' }, d: {} } };
    expect(imagesOf(model)).toEqual(['booking-devstack/services:dev', 'haproxy:3.2']);
  });
});

describe('parseServiceHashes', () => {
  it('reads "<service> <hash>" lines', () => {
    expect(parseServiceHashes('kafka f2f4\nmysql 544f\n\n')).toEqual(new Map([['kafka', 'f2f4'], ['mysql', '544f']]));
  });
});

describe('compose pull', () => {
  it('pulls one service with plain progress, streaming its output and keeping the env files', async () => {
    const { exec, calls } = recorder(async () => ({ code: 0, stdout: '', stderr: '' }));
    const chunks: string[] = [];
    await createCompose({ execCompose: exec, fileExists: () => true }).pull('kafka', { onOutput: (chunk) => chunks.push(chunk) });
    const [call] = calls;
    expect([call!.command, ...call!.args]).toEqual(['pull', 'kafka']);
    expect(call!.options.composeOptions).toEqual(['--env-file', paths.versionsFile, '--env-file', paths.envFile, '--progress', 'plain']);
    call!.options.callback?.(Buffer.from(' kafka Pulled \n'), 'stderr');
    expect(chunks).toEqual([' kafka Pulled \n']);
  });
});
