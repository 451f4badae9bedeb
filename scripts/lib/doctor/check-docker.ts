/**
 * Tells apart the three ways Docker is unusable, because each has a different fix:
 * not installed, daemon not running (or DOCKER_HOST pointing nowhere), and the user
 * not allowed on the socket.
 */
import { apiAtLeast, START_INTERVAL_MIN_API } from '../compose/compose-files.ts';
import { isNotFound, type Exec } from '../exec.ts';
import { fail, ok, warn, type CheckResult } from './check.ts';

export type DockerState =
  | { kind: 'ready'; client: string; server: string; /** The engine's API version ("1.41"): what Compose features it has. */ api?: string }
  | { kind: 'missing' }
  | { kind: 'daemon-down'; message: string }
  | { kind: 'permission-denied'; message: string }
  | { kind: 'error'; message: string };

export async function probeDocker(exec: Exec, env: NodeJS.ProcessEnv = process.env): Promise<DockerState> {
  const result = await exec('docker', ['version', '--format', '{{json .}}'], { env, timeoutMs: 20_000 });
  if (isNotFound(result)) return { kind: 'missing' };
  if (result.code === 0) {
    const info = safeJson(result.stdout) as { Client?: { Version?: string }; Server?: { Version?: string; ApiVersion?: string } } | undefined;
    const api = info?.Server?.ApiVersion;
    return { kind: 'ready', client: info?.Client?.Version ?? '?', server: info?.Server?.Version ?? '?', ...(api ? { api } : {}) };
  }
  return classifyDockerError(result.stderr || result.stdout);
}

export function classifyDockerError(stderr: string): DockerState {
  const message = firstLine(stderr.split('\n').find((line) => /error|denied|cannot/i.test(line)) ?? stderr);
  if (/permission denied/i.test(stderr)) return { kind: 'permission-denied', message };
  if (/cannot connect to the docker daemon|is the docker daemon running|error during connect|no such file or directory|connection refused|dial unix/i.test(stderr)) {
    return { kind: 'daemon-down', message };
  }
  return { kind: 'error', message };
}

/**
 * `startInterval`: .env's HEALTHCHECK_START_INTERVAL when set; an engine older than API
 * 1.44 cannot have it, and `up` leaves it out (compose/compose-files.ts): say so.
 */
export function dockerCheck(state: DockerState, env: NodeJS.ProcessEnv = process.env, startInterval?: string): CheckResult {
  const host = env.DOCKER_HOST ? ` (DOCKER_HOST=${env.DOCKER_HOST})` : '';
  switch (state.kind) {
    case 'ready': {
      const summary = `Docker client ${state.client}, engine ${state.server} (API ${state.api ?? 'unknown'})`;
      if (startInterval !== undefined && !apiAtLeast(state.api, START_INTERVAL_MIN_API)) {
        return warn(
          'docker',
          `${summary}: HEALTHCHECK_START_INTERVAL=${startInterval} needs API ${START_INTERVAL_MIN_API} (Docker Engine 25), so up leaves it out`,
          'update Docker Engine to 25 or later, or set HEALTHCHECK_START_INTERVAL=off in .env',
        );
      }
      return ok('docker', summary);
    }
    case 'missing':
      return fail('docker', 'Docker is not installed (no `docker` command on PATH)', 'install Docker Desktop or Docker Engine: https://docs.docker.com/get-docker/');
    case 'daemon-down':
      return fail('docker', `the Docker daemon is not reachable${host}: ${state.message}`, env.DOCKER_HOST ? 'start Docker, or unset DOCKER_HOST if it points to the wrong place' : 'start Docker Desktop, or `sudo systemctl start docker` on Linux');
    case 'permission-denied':
      return fail('docker', `permission denied on the Docker socket: ${state.message}`, 'add yourself to the docker group: `sudo usermod -aG docker $USER`, then log out and in');
    case 'error':
      return fail('docker', `docker version failed: ${state.message}`, 'run `docker version` to see the full error');
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
