/**
 * Is a host port free on 127.0.0.1 (where every port of the stack is published)?
 * Binding is the only honest test: a connect probe misses listeners on other
 * addresses that would still make Docker's bind fail.
 */
import { createServer } from 'node:net';
import { isNotFound, type Exec } from '../exec.ts';

export type PortProbe = 'free' | 'in-use' | 'denied';

export function probePort(port: number, host = '127.0.0.1'): Promise<PortProbe> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EACCES' ? 'denied' : 'in-use'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve('free')));
  });
}

/** `ss -ltnpH` line → `mysqld (pid 1234)`. Without root, ss shows no process: undefined. */
export function parseSsHolder(output: string): string | undefined {
  const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(output);
  return match ? `${match[1]} (pid ${match[2]})` : undefined;
}

/** `lsof -Fpc` output ("p1234\ncmysqld") → `mysqld (pid 1234)`. */
export function parseLsofHolder(output: string): string | undefined {
  const pid = /^p(\d+)$/m.exec(output)?.[1];
  const command = /^c(.+)$/m.exec(output)?.[1];
  if (!pid && !command) return undefined;
  return `${command ?? 'unknown process'}${pid ? ` (pid ${pid})` : ''}`;
}

/**
 * Who holds a port, where knowable: another container (Supabase's CLI names it too),
 * else the process from ss or lsof.
 */
export async function findPortHolder(exec: Exec, port: number): Promise<string | undefined> {
  const containers = await exec('docker', ['ps', '--filter', `publish=${port}`, '--format', '{{.Names}}'], { timeoutMs: 10_000 });
  const container = containers.code === 0 ? containers.stdout.trim().split('\n')[0] : undefined;
  if (container) return `container ${container}`;
  const ss = await exec('ss', ['-ltnpH', `sport = :${port}`]);
  const fromSs = ss.code === 0 ? parseSsHolder(ss.stdout) : undefined;
  if (fromSs) return describeHolder(fromSs);
  const lsof = await exec('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc']);
  if (!isNotFound(lsof) && lsof.code === 0) {
    const fromLsof = parseLsofHolder(lsof.stdout);
    return fromLsof && describeHolder(fromLsof);
  }
  return undefined;
}

/** docker-proxy publishes a container's port: the holder is a container (`docker ps` names it). */
export function describeHolder(process: string): string {
  return process.startsWith('docker-proxy') ? `a Docker container (${process}; \`docker ps\` names it)` : process;
}
