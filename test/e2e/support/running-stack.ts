/**
 * What the end-to-end tests need to know about the running stack: its
 * configuration (the same files the orchestrator reads), its URLs, and its
 * containers as Docker reports them, found by Compose labels.
 */
import { execFileSync } from 'node:child_process';
import mysql, { type Connection } from 'mysql2/promise';
import { loadConfig } from '../../../scripts/lib/config/load-config.ts';
import { stackConfigOf, type StackConfig } from '../../../scripts/lib/config/stack-config.ts';

export function stackConfig(): Record<string, string> {
  return loadConfig().config.values;
}

export function projectName(): string {
  return process.env.COMPOSE_PROJECT_NAME ?? 'booking';
}

/** The typed config the orchestrator uses: URLs, ports and derived names. */
export function stack(values = stackConfig()): StackConfig {
  return stackConfigOf(values);
}

export function urls(values = stackConfig()) {
  const { urls: u } = stackConfigOf(values);
  return { api: u.api, stats: u.stats, connect: u.connect, elasticsearch: u.elasticsearch, kafka: u.kafkaBroker };
}

export interface ContainerState {
  service: string;
  id: string;
  startedAt: string;
  running: boolean;
}

export function containers(): ContainerState[] {
  const ids = docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${projectName()}`])
    .split('\n')
    .filter(Boolean);
  if (ids.length === 0) return [];
  const format = '{{index .Config.Labels "com.docker.compose.service"}} {{.Id}} {{.State.StartedAt}} {{.State.Running}}';
  return docker(['inspect', '--format', format, ...ids])
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [service = '', id = '', startedAt = '', running = ''] = line.split(' ');
      return { service, id, startedAt, running: running === 'true' };
    })
    .sort((a, b) => a.service.localeCompare(b.service));
}

export function volumes(): string[] {
  return docker(['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${projectName()}`])
    .split('\n')
    .filter(Boolean);
}

/** A container's health as its healthcheck reports it: starting, healthy, unhealthy. */
export function health(id: string): string {
  return docker(['inspect', '--format', '{{if .State.Health}}{{.State.Health.Status}}{{end}}', id]).trim();
}

/** A plain docker CLI call: inspecting containers, and what a scenario does to one (stop, start). */
export function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' });
}

/** The database as root, through its published port: what a restore, a fixture or a person at a prompt uses. */
export function rootConnection(database?: string, values = stackConfig()): Promise<Connection> {
  return mysql.createConnection({
    host: '127.0.0.1',
    port: Number(values.MYSQL_PORT),
    user: 'root',
    password: values.MYSQL_ROOT_PASSWORD,
    charset: 'utf8mb4',
    multipleStatements: true,
    ...(database ? { database } : {}),
  });
}
