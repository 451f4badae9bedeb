/**
 * Works on the team's laptops as it works in CI: what Docker Desktop on macOS and
 * Windows does differently from CI's Linux, against the real stack.
 * - The database's setup depends neither on the host's file modes (a Mac may show
 *   bind-mounted files as executable, a Windows checkout shows 0777) nor on a volume
 *   set up by an older version of this project.
 * - .env's JVM options (the Apple M4 workaround) reach every JVM. The whole file runs
 *   with a neutral -D property in JAVA_TOOL_OPTIONS, set in the environment, which
 *   wins over .env as it does for Compose.
 * - Connect and Elasticsearch refuse a Host header that is not loopback (DNS rebinding).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import mysql, { type Connection } from 'mysql2/promise';
import { afterAll, describe, expect, test } from 'vitest';
import { readSetupFiles } from '../../services/db-setup/setup-files.ts';
import { setupDatabase } from '../../services/db-setup/setup-database.ts';
import { mysqlSession } from '../../services/db-setup/sql-session.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { LAPTOP_JVM_OPTIONS } from '../../scripts/lib/config/stack-config.ts';
import { api } from './support/api.ts';
import { runCli } from './support/run-cli.ts';
import { expectConnectUnreachable } from './support/public-entry.ts';
import { containers, docker, rootConnection, stack, stackConfig, urls } from './support/running-stack.ts';

const databaseFiles = join(paths.repoRoot, 'mysql');
const jvmProbe = `-Ddevstack.jvm.probe=${Date.now()}`;
const laptopEnv = { ...process.env, JAVA_TOOL_OPTIONS: jvmProbe };

async function mustRun(args: string[]) {
  const result = await runCli(args, laptopEnv);
  expect(result.code, `npm run ${args.join(' ')} exited ${result.code}`).toBe(0);
  return result;
}

/** Every file and folder under mysql/ gets `fileMode` (folders 0777 or 0755). */
function chmodTree(dir: string, fileMode: number): void {
  chmodSync(dir, fileMode === 0o777 ? 0o777 : 0o755);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) chmodTree(path, fileMode);
    else chmodSync(path, fileMode);
  }
}

async function scalar(connection: Connection, sql: string, values: unknown[] = []): Promise<unknown> {
  const [rows] = await connection.query(sql, values);
  const first = (rows as Record<string, unknown>[])[0];
  return first ? Object.values(first)[0] : undefined;
}

afterAll(async () => {
  chmodTree(databaseFiles, 0o644);
  await runCli(['reset', '--yes'], laptopEnv);
});

describe('database setup', () => {
  for (const mode of [0o777, 0o644]) {
    test(`the whole pipeline works from database files with mode ${mode.toString(8)}`, async () => {
      chmodTree(databaseFiles, mode);
      await mustRun(['reset', '--yes']);
      await mustRun(['up']);
      await mustRun(['smoke']);
    });
  }

  test('the server runs with the binlog Debezium needs, set by flags', async () => {
    const connection = await rootConnection();
    try {
      const [rows] = await connection.query('SELECT @@log_bin AS logBin, @@binlog_format AS format, @@binlog_row_image AS image');
      expect((rows as Record<string, unknown>[])[0]).toEqual({ logBin: 1, format: 'ROW', image: 'FULL' });
    } finally {
      await connection.end();
    }
  });

  test('up repairs a database set up by an older version, and a deleted sample hotel never comes back', async () => {
    const values = stackConfig();
    const { api: base } = urls(values);
    expect((await api(base, 'DELETE', '/api/hotels/1')).status).toBe(204);

    // What a volume from before db-setup looks like: no record of migrations or sample
    // data, and no change-capture user (its init script was executed instead of sourced).
    const connection = await rootConnection(values.MYSQL_DATABASE);
    let hotelsBefore: unknown;
    try {
      await connection.query('DROP TABLE schema_migrations');
      await connection.query('DROP USER ?@?', [values.DEBEZIUM_DB_USER, '%']);
      hotelsBefore = await scalar(connection, 'SELECT COUNT(*) FROM hotels');
    } finally {
      await connection.end();
    }

    await mustRun(['down']);
    await mustRun(['up']); // waits for the connector and its task to be RUNNING: needs the capture user

    const after = await rootConnection(values.MYSQL_DATABASE);
    try {
      expect(await scalar(after, 'SELECT COUNT(*) FROM mysql.user WHERE user = ?', [values.DEBEZIUM_DB_USER])).toBe(1);
      expect(await scalar(after, 'SELECT COUNT(*) FROM hotels')).toBe(hotelsBefore);
      expect(await scalar(after, 'SELECT COUNT(*) FROM hotels WHERE id = 1')).toBe(0);
      expect(await scalar(after, 'SELECT COUNT(*) FROM schema_migrations')).toBe(readSetupFiles(databaseFiles).migrations.length + 1); // and the sample data
    } finally {
      await after.end();
    }
    expect((await api(base, 'GET', '/api/hotels/1')).status).toBe(404);
    await mustRun(['smoke']);
  });

  test('the mysql2 adapter: setup is idempotent and adopts a legacy table on a real server', async () => {
    const scratch = `setup_check_${Date.now()}`;
    const config = {
      database: scratch,
      app: { user: `${scratch}_app`, password: "it's a $ecret" },
      capture: { user: `${scratch}_cdc`, password: 'p"w\\d' },
      seedSampleData: true,
      // The catalog alone here; the saga databases have their own e2e test (saga-databases.e2e.test.ts).
      services: [],
    };
    const files = readSetupFiles(databaseFiles);
    const log = { info: () => undefined };
    const connection = await rootConnection();
    const session = mysqlSession(connection);
    try {
      expect(await setupDatabase(session, config, files, log)).toEqual({ flavor: 'mariadb', migrationsApplied: files.migrations.map((m) => m.name), sampleData: 'loaded', services: [] });
      expect(await setupDatabase(session, config, files, log)).toEqual({ flavor: 'mariadb', migrationsApplied: [], sampleData: 'already-decided', services: [] });
      expect(await scalar(connection, `SELECT COUNT(*) FROM ${scratch}.hotels`)).toBe(6);

      // Every row deleted and the records lost: the AUTO_INCREMENT counter still tells.
      await connection.query(`DELETE FROM ${scratch}.hotels; DROP TABLE ${scratch}.schema_migrations`);
      expect(await setupDatabase(session, config, files, log)).toMatchObject({ sampleData: 'table-has-history' });
      expect(await scalar(connection, `SELECT COUNT(*) FROM ${scratch}.hotels`)).toBe(0);

      // The users log in with the passwords given, quotes, $ and backslash included.
      for (const account of [config.app, config.capture]) {
        const login = await mysql.createConnection({ host: '127.0.0.1', port: Number(stackConfig().MYSQL_PORT), ...account });
        await login.end();
      }
    } finally {
      await connection.query(`DROP DATABASE IF EXISTS ${scratch}`);
      await connection.query('DROP USER IF EXISTS ?@?, ?@?', [config.app.user, '%', config.capture.user, '%']);
      await connection.end();
    }
  });
});

interface JavaProcess {
  pid: string;
  cmdline: string;
  /** JAVA_TOOL_OPTIONS in the process's environment, which the JVM reads itself. */
  toolOptions: string;
}

/**
 * The JVMs running in a service's container (processes whose program is `java`), read
 * from /proc inside it, so it works on Docker Desktop too.
 */
function javaProcesses(service: string): JavaProcess[] {
  const container = containers().find((c) => c.service === service && c.running);
  if (!container) throw new Error(`${service} is not running`);
  const script = `for d in /proc/[0-9]*; do c=$(tr '\\000' ' ' < "$d/cmdline" 2>/dev/null); case "\${c%% *}" in */java|java) e=$(tr '\\000' '\\n' < "$d/environ" 2>/dev/null | grep '^JAVA_TOOL_OPTIONS=' || true); printf '%s\\t%s\\t%s\\n' "\${d#/proc/}" "$e" "$c";; esac; done`;
  return docker(['exec', container.id, 'sh', '-c', script])
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [pid = '', env = '', cmdline = ''] = line.split('\t');
      return { pid, cmdline, toolOptions: env.replace(/^JAVA_TOOL_OPTIONS=/, '') };
    });
}

/** A container's output, stdout and stderr (where a JVM says "Picked up ..."). */
function serviceLogs(service: string): string {
  const container = containers().find((c) => c.service === service);
  if (!container) throw new Error(`${service} has no container`);
  const result = spawnSync('docker', ['logs', container.id], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`docker logs ${service} failed: ${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

describe('JVM options from .env', () => {
  test('reach every JVM the stack runs', async () => {
    await mustRun(['up']);
    for (const service of ['kafka', 'connect', 'elasticsearch']) {
      const jvms = javaProcesses(service);
      expect(jvms.length, `${service} runs a JVM`).toBeGreaterThan(0);
      for (const jvm of jvms) {
        expect(`${jvm.cmdline} ${jvm.toolOptions}`, `${service} pid ${jvm.pid}`).toContain(jvmProbe);
        // .env's JVM_LAPTOP_OPTS (copied from compose/.env.example) comes first.
        expect(`${jvm.cmdline} ${jvm.toolOptions}`, `${service} pid ${jvm.pid}`).toContain(`${LAPTOP_JVM_OPTIONS} ${jvmProbe}`);
      }
    }
    // Elasticsearch's launcher unsets JAVA_TOOL_OPTIONS: the option must be on the command
    // line of both its JVMs (the launcher's and the server's), from CLI_JAVA_OPTS and ES_JAVA_OPTS.
    const elasticsearch = javaProcesses('elasticsearch');
    expect(elasticsearch.filter((jvm) => jvm.cmdline.includes(jvmProbe)).length).toBeGreaterThanOrEqual(2);
    // The JVM's own word that it applied the variable. kafka-init is not among them: it creates
    // the topics with one Node process (services/kafka-init), no kafka-topics.sh JVM any more.
    for (const service of ['kafka', 'connect']) {
      expect(serviceLogs(service), service).toContain(`Picked up JAVA_TOOL_OPTIONS: ${LAPTOP_JVM_OPTIONS} ${jvmProbe}`);
    }
  });
});

/** A GET with a chosen Host header (fetch does not let a caller set Host). */
function getWithHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host }, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} with Host ${host}: no answer in 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

describe('admin surfaces on loopback', () => {
  for (const [name, variable, path] of [
    ['Kafka Connect', 'CONNECT_PORT', '/connectors'],
    ['Elasticsearch', 'ELASTICSEARCH_PORT', '/_cluster/health'],
  ] as const) {
    test(`${name} refuses a foreign Host and answers loopback ones`, async () => {
      const port = Number(stackConfig()[variable]);
      for (const host of ['attacker.example', `attacker.example:${port}`, `localhost.attacker.example:${port}`, '127.0.0.2']) {
        const response = await getWithHost(port, path, host);
        expect(response.status, `Host: ${host}`).toBe(403);
        expect(response.body).toContain('DNS rebinding');
      }
      for (const host of ['localhost', `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
        expect((await getWithHost(port, path, host)).status, `Host: ${host}`).toBe(200);
      }
    });
  }

  test('Connect is still not part of the public entry', async () => {
    await expectConnectUnreachable(urls().api, stack().names.connector);
  });
});

