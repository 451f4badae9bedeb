/**
 * A container's counters from the Docker Engine API
 * (`GET /containers/<name>/stats?stream=false&one-shot=true`): its cumulative CPU time, which
 * the CLI's `docker stats` only shows as a percentage over its own short sample, and its
 * memory as `docker stats` counts it. The socket is the current Docker context's endpoint,
 * so Docker Desktop works as the CLI does.
 */
import { request } from 'node:http';
import type { Exec } from '../exec.ts';
import { UserError } from '../errors.ts';

export async function dockerSocketPath(exec: Exec, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const host = env.DOCKER_HOST || (await exec('docker', ['context', 'inspect', '--format', '{{.Endpoints.docker.Host}}'])).stdout.trim() || 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://')) {
    throw new UserError(`the Docker endpoint is ${host}, not a local unix socket`, 'run the benchmark on the machine Docker runs on, with a unix:// DOCKER_HOST or context');
  }
  return host.slice('unix://'.length);
}

export interface ContainerStats {
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; stats?: Record<string, number> };
}

/** One GET of the Engine API through its socket, the JSON body parsed; `what` names it in errors. */
function engineGet<T>(socketPath: string, path: string, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`Docker answered ${res.statusCode} for ${what}: ${body.trim()}`));
        resolve(JSON.parse(body) as T);
      });
    });
    req.on('error', (error) => reject(new Error(`cannot reach Docker at ${socketPath}: ${error.message}`)));
    req.end();
  });
}

export function containerStats(socketPath: string) {
  return (container: string): Promise<ContainerStats> => engineGet<ContainerStats>(socketPath, `/containers/${encodeURIComponent(container)}/stats?stream=false&one-shot=true`, container);
}

/**
 * The CPUs the engine's containers share (`docker info`'s NCPU): on Docker Desktop the VM's,
 * often fewer than the host's, which is what a CPU floor must be divided by.
 */
export async function engineCpuCount(socketPath: string): Promise<number> {
  const { NCPU } = await engineGet<{ NCPU?: number }>(socketPath, '/info', 'the engine info');
  if (typeof NCPU !== 'number' || NCPU < 1) throw new Error('the engine info gave no CPU count');
  return NCPU;
}

export function containerCpuNanos(socketPath: string) {
  const stats = containerStats(socketPath);
  return async (container: string): Promise<number> => {
    const total = (await stats(container)).cpu_stats?.cpu_usage?.total_usage;
    if (typeof total !== 'number') throw new Error(`no CPU counter for ${container} (is it running?)`);
    return total;
  };
}

/**
 * The memory `docker stats` shows: the cgroup's usage minus the page cache the kernel can
 * drop at once (`total_inactive_file` on cgroup v1, else `inactive_file`, cgroup v2), as the
 * Docker CLI computes it (docker/cli `cli/command/container/stats_helpers.go`,
 * calculateMemUsageUnixNoCache).
 */
export function memoryInUse(stats: ContainerStats): number | undefined {
  const usage = stats.memory_stats?.usage;
  if (typeof usage !== 'number') return undefined;
  const counters = stats.memory_stats?.stats ?? {};
  const reclaimable = counters.total_inactive_file ?? counters.inactive_file ?? 0;
  return reclaimable < usage ? usage - reclaimable : usage;
}
