import { describe, expect, it } from 'vitest';
import { composeCheck } from '../../../scripts/lib/doctor/check-compose.ts';
import { classifyDockerError, dockerCheck, probeDocker } from '../../../scripts/lib/doctor/check-docker.ts';
import { checkNode } from '../../../scripts/lib/doctor/check-node.ts';
import { atLeast, parseVersion } from '../../../scripts/lib/doctor/versions.ts';
import { fakeExec } from '../helpers/fake-exec.ts';

describe('parseVersion', () => {
  it.each([
    ['v20.11.1', [20, 11, 1]],
    ['20.10.24+dfsg1', [20, 10, 24]],
    ['28.2.2', [28, 2, 2]],
    ['2.26.1-4', [2, 26, 1]],
    ['v2.29.7-desktop.1', [2, 29, 7]],
    ['Docker Compose version v2.20.0', [2, 20, 0]],
    ['1.29.2', [1, 29, 2]],
    ['2.20', [2, 20, 0]],
  ])('%s', (text, [major, minor, patch]) => {
    expect(parseVersion(text)).toMatchObject({ major, minor, patch });
  });

  it('returns undefined for garbage and compares numerically', () => {
    expect(parseVersion('dev')).toBeUndefined();
    expect(atLeast('2.9.0', '2.20.0')).toBe(false);
    expect(atLeast('2.100.0', '2.20.0')).toBe(true);
    expect(atLeast('garbage', '1.0.0')).toBe(false);
  });
});

describe('checkNode', () => {
  it('requires Node 20.19', () => {
    expect(checkNode('20.19.0').status).toBe('ok');
    expect(checkNode('22.1.0').status).toBe('ok');
    expect(checkNode('20.18.3')).toMatchObject({ status: 'fail', summary: "Node 20.18.3 is older than 20.19.0, which the front end's build (Vite 7) needs", fix: 'install Node 20.19 or newer (https://nodejs.org, or `nvm install 20`)' });
    expect(checkNode('18.19.1')).toMatchObject({ status: 'fail', summary: "Node 18.19.1 is older than 20.19.0, which the front end's build (Vite 7) needs" });
  });
});

describe('composeCheck', () => {
  it('accepts v2 >= 2.20 and rejects older', () => {
    expect(composeCheck({ v2: '2.26.1-4' }).status).toBe('ok');
    expect(composeCheck({ v2: '2.17.3' })).toMatchObject({ status: 'fail', summary: 'Docker Compose 2.17.3 is older than 2.20.0' });
  });

  it('says clearly when only Compose v1 exists', () => {
    const result = composeCheck({ v1: '1.29.2', v2Error: "docker: 'compose' is not a docker command." });
    expect(result.summary).toContain('only Compose v1 (docker-compose 1.29.2)');
    expect(result.fix).toContain('Compose v2 plugin');
  });

  it('reports no compose at all', () => {
    expect(composeCheck({ v2Error: "docker: 'compose' is not a docker command.\nSee 'docker --help'" }).summary).toBe(
      "`docker compose` is not available: docker: 'compose' is not a docker command.",
    );
  });
});

describe('docker state', () => {
  it('tells apart missing, daemon down and permission denied', async () => {
    expect(await probeDocker(fakeExec(() => undefined))).toEqual({ kind: 'missing' });
    const down = fakeExec(() => ({ code: 1, stdout: '{"Client":{},"Server":null}', stderr: 'Cannot connect to the Docker daemon at unix:///nonexistent.sock. Is the docker daemon running?' }));
    expect((await probeDocker(down)).kind).toBe('daemon-down');
    const denied = classifyDockerError('permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied');
    expect(denied.kind).toBe('permission-denied');
    const ready = fakeExec(() => ({ stdout: '{"Client":{"Version":"28.2.2"},"Server":{"Version":"20.10.24+dfsg1","ApiVersion":"1.41"}}' }));
    expect(await probeDocker(ready)).toEqual({ kind: 'ready', client: '28.2.2', server: '20.10.24+dfsg1', api: '1.41' });
  });

  it("shows the engine's API version, and warns that HEALTHCHECK_START_INTERVAL is left out below API 1.44", () => {
    const engine = { kind: 'ready', client: '28.2.2', server: '20.10.24+dfsg1', api: '1.41' } as const;
    expect(dockerCheck(engine, {})).toEqual({ name: 'docker', status: 'ok', summary: 'Docker client 28.2.2, engine 20.10.24+dfsg1 (API 1.41)' });
    const asked = dockerCheck(engine, {}, '1s');
    expect(asked.status).toBe('warn');
    expect(asked.summary).toContain('HEALTHCHECK_START_INTERVAL=1s needs API 1.44 (Docker Engine 25), so up leaves it out');
    expect(dockerCheck({ ...engine, server: '27.3.1', api: '1.47' }, {}, '1s').status).toBe('ok');
  });

  it('gives each state its own fix', () => {
    expect(dockerCheck({ kind: 'missing' }).fix).toContain('https://docs.docker.com/get-docker/');
    expect(dockerCheck({ kind: 'daemon-down', message: 'x' }, {}).fix).toContain('start Docker');
    expect(dockerCheck({ kind: 'daemon-down', message: 'x' }, { DOCKER_HOST: 'tcp://nowhere:2375' }).summary).toContain('DOCKER_HOST=tcp://nowhere:2375');
    expect(dockerCheck({ kind: 'permission-denied', message: 'x' }).fix).toContain('usermod -aG docker');
  });
});
