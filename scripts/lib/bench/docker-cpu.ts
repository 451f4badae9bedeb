/**
 * A container's cumulative CPU time from the Docker Engine API
 * (`GET /containers/<name>/stats?stream=false&one-shot=true`): the CLI's
 * `docker stats` only prints a percentage over its own short sample. The socket is
 * the current Docker context's endpoint, so Docker Desktop works as the CLI does.
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

export function containerCpuNanos(socketPath: string) {
  return (container: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request({ socketPath, path: `/containers/${encodeURIComponent(container)}/stats?stream=false&one-shot=true` }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`Docker answered ${res.statusCode} for ${container}: ${body.trim()}`));
          const total = (JSON.parse(body) as { cpu_stats?: { cpu_usage?: { total_usage?: number } } }).cpu_stats?.cpu_usage?.total_usage;
          if (typeof total !== 'number') return reject(new Error(`no CPU counter for ${container} (is it running?)`));
          resolve(total);
        });
      });
      req.on('error', (error) => reject(new Error(`cannot reach Docker at ${socketPath}: ${error.message}`)));
      req.end();
    });
}
