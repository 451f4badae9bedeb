import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';
import { composeEnvironment } from '../../../scripts/lib/config/compose-env.ts';
import { ensureEnvFile, fillPasswords, LATER_SECRETS, type EnvFileSystem } from '../../../scripts/lib/config/ensure-env-file.ts';
import { loadConfig, type Config } from '../../../scripts/lib/config/load-config.ts';
import { validateConfig } from '../../../scripts/lib/config/validate-config.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';

const VALID: Record<string, string> = {
  DB_ENGINE: 'mysql',
  HTTP_PORT: '8080',
  STATS_PORT: '8404',
  MYSQL_PORT: '3306',
  KAFKA_PORT: '9092',
  CONNECT_PORT: '8083',
  ELASTICSEARCH_PORT: '9200',
  CONSOLE_PORT: '9900',
  MYSQL_ROOT_PASSWORD: 'r',
  MYSQL_DATABASE: 'booking',
  MYSQL_USER: 'catalog',
  MYSQL_PASSWORD: 'p',
  DEBEZIUM_DB_USER: 'debezium',
  DEBEZIUM_DB_PASSWORD: 'd',
  HAPROXY_STATS_USER: 'admin',
  HAPROXY_STATS_PASSWORD: 'h',
  INVENTORY_DB_PASSWORD: 'i',
  PAYMENTS_DB_PASSWORD: 'p',
  BOOKINGS_DB_PASSWORD: 'b',
  OBJECT_STORE_PASSWORD: 'o',
  ELASTICSEARCH_HEAP: '512m',
  KAFKA_HEAP: '384m',
  CONNECT_HEAP: '1g',
  SEED_SAMPLE_DATA: 'true',
};

const config = (overrides: Record<string, string> = {}): Config => ({ values: { ...VALID, ...overrides }, origins: { MYSQL_PORT: '.env:14' } });

describe('validateConfig', () => {
  it('accepts the example values', () => {
    expect(validateConfig(config())).toEqual([]);
  });

  it('rejects an unknown DB_ENGINE', () => {
    const [issue] = validateConfig(config({ DB_ENGINE: 'postgres' }));
    expect(issue?.message).toContain('DB_ENGINE="postgres"');
    expect(issue?.fix).toBe('set DB_ENGINE=mysql or DB_ENGINE=mariadb in .env');
  });

  it.each(['abc', '0', '65536', '80.5', '-1'])('rejects port %s, naming where it was set', (port) => {
    const [issue] = validateConfig(config({ MYSQL_PORT: port }));
    expect(issue?.key).toBe('MYSQL_PORT');
    expect(issue?.message).toContain('.env:14');
    expect(issue?.fix).toBe('set MYSQL_PORT to a free port number in .env (compose/.env.example has the default)');
  });

  it('validates CONSOLE_PORT like every port, and accepts a .env written before it existed', () => {
    expect(validateConfig(config({ CONSOLE_PORT: 'abc' }))[0]?.key).toBe('CONSOLE_PORT');
    expect(validateConfig(config({ CONSOLE_PORT: '8080' }))[0]?.message).toBe('CONSOLE_PORT and HTTP_PORT are both 8080');
    const older = config();
    delete older.values.CONSOLE_PORT;
    expect(validateConfig(older)).toEqual([]);
    expect(validateConfig({ ...older, values: { ...older.values, HTTP_PORT: '9900' } })[0]?.message).toBe('CONSOLE_PORT and HTTP_PORT are both 9900');
  });

  it('rejects two variables on the same port', () => {
    const issues = validateConfig(config({ CONNECT_PORT: '8080' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe('CONNECT_PORT and HTTP_PORT are both 8080');
  });

  it("checks the dev server's WEB_DEV_PORT like the stack's ports, and lets an older .env leave it out", () => {
    expect(validateConfig(config({ WEB_DEV_PORT: 'vite' })).map((i) => i.message)).toEqual(['WEB_DEV_PORT="vite" (.env) is not a port number 1-65535']);
    expect(validateConfig(config({ WEB_DEV_PORT: '8080' })).map((i) => i.message)).toEqual(['WEB_DEV_PORT and HTTP_PORT are both 8080']);
    expect(validateConfig(config({ WEB_DEV_PORT: '' }))).toEqual([]);
  });

  it.each(['512', '512mb', 'lots', '0m'])('rejects heap %s', (heap) => {
    expect(validateConfig(config({ KAFKA_HEAP: heap }))[0]?.key).toBe('KAFKA_HEAP');
  });

  it('rejects a JVM option without its dash, naming the variable, and accepts options or nothing', () => {
    expect(validateConfig(config({ JVM_LAPTOP_OPTS: 'TieredStopAtLevel=1' })).map((i) => i.message)).toEqual([
      'JVM_LAPTOP_OPTS="TieredStopAtLevel=1" (.env) has "TieredStopAtLevel=1", which is not a JVM option (they start with -)',
    ]);
    expect(validateConfig(config({ JAVA_TOOL_OPTIONS: '-XX:UseSVE=0 UseSVE=0' }))[0]?.key).toBe('JAVA_TOOL_OPTIONS');
    expect(validateConfig(config({ JVM_LAPTOP_OPTS: ' -XX:TieredStopAtLevel=1  -Xshare:auto ', JAVA_TOOL_OPTIONS: '' }))).toEqual([]);
    // The JVM takes a quoted value with spaces as one option.
    expect(validateConfig(config({ JAVA_TOOL_OPTIONS: '-Dgreeting="hello world" -XX:UseSVE=0' }))).toEqual([]);
  });

  it('requires non-empty passwords and names', () => {
    const keys = validateConfig(config({ MYSQL_PASSWORD: '', HAPROXY_STATS_USER: ' ' })).map((i) => i.key);
    expect(keys).toEqual(['MYSQL_PASSWORD', 'HAPROXY_STATS_USER']);
  });

  it.each(['0', '-5', '3.5', 'many', '1000000'])('rejects BOOKING_CREATES_PER_10S %s, naming the default', (limit) => {
    const issues = validateConfig(config({ BOOKING_CREATES_PER_10S: limit }));
    expect(issues.map((i) => i.key)).toEqual(['BOOKING_CREATES_PER_10S']);
    expect(issues[0]?.fix).toBe('set BOOKING_CREATES_PER_10S=300 in .env (new bookings per client address in 10 s)');
  });

  it.each(['1', '300', '999999', ''])('accepts BOOKING_CREATES_PER_10S "%s" (empty: the default)', (limit) => {
    expect(validateConfig(config({ BOOKING_CREATES_PER_10S: limit }))).toEqual([]);
  });

  it.each(['-1', '1 s', '0ms', '1m', 'fast'])('rejects SEARCH_REFRESH_INTERVAL %s', (interval) => {
    const issues = validateConfig(config({ SEARCH_REFRESH_INTERVAL: interval }));
    expect(issues.map((i) => i.key)).toEqual(['SEARCH_REFRESH_INTERVAL']);
    expect(issues[0]?.fix).toBe('set SEARCH_REFRESH_INTERVAL=250ms in .env');
  });

  it.each(['250ms', '1s', ''])('accepts SEARCH_REFRESH_INTERVAL "%s"', (interval) => {
    expect(validateConfig(config({ SEARCH_REFRESH_INTERVAL: interval }))).toEqual([]);
  });

  it.each(['*', 'http://localhost:3000, *'])('refuses CORS_ORIGINS=%s, naming where it was set and the fix', (origins) => {
    const issues = validateConfig({ values: { ...VALID, CORS_ORIGINS: origins }, origins: { CORS_ORIGINS: '.env:43' } });
    expect(issues).toEqual([
      {
        key: 'CORS_ORIGINS',
        message: 'CORS_ORIGINS contains * (.env:43): any web page open in your browser could call the API',
        fix: 'list the origins of your front ends instead, e.g. CORS_ORIGINS=http://localhost:3000,http://localhost:5173 in .env',
      },
    ]);
  });

  it.each(['http://localhost:3000', 'http://localhost:3000,https://app.example', ''])('accepts CORS_ORIGINS="%s"', (origins) => {
    expect(validateConfig(config({ CORS_ORIGINS: origins }))).toEqual([]);
  });

  it('rejects a SEED_SAMPLE_DATA that is not a boolean', () => {
    expect(validateConfig(config({ SEED_SAMPLE_DATA: 'yes' }))[0]?.key).toBe('SEED_SAMPLE_DATA');
  });
});

describe('loadConfig', () => {
  const files: Record<string, string> = { '/r/compose/versions.env': 'MYSQL_VERSION=8.4\nMARIADB_VERSION=11.8\n', '/r/.env': 'DB_ENGINE=mysql\nMYSQL_PORT=3306\nBROKEN\n' };
  const read = (path: string) => files[path]!;

  it('merges versions.env, .env and the process environment, in that order, with origins', () => {
    const { config: merged, errors } = loadConfig({ files: ['/r/compose/versions.env', '/r/.env'], env: { MYSQL_PORT: '3307', UNRELATED: 'x' }, read, root: '/r' });
    expect(merged.values).toEqual({ MYSQL_VERSION: '8.4', MARIADB_VERSION: '11.8', DB_ENGINE: 'mysql', MYSQL_PORT: '3307' });
    expect(merged.origins).toMatchObject({ MYSQL_VERSION: 'compose/versions.env:1', DB_ENGINE: '.env:1', MYSQL_PORT: 'environment' });
    expect(errors).toEqual([expect.objectContaining({ file: '.env', line: 3 })]);
  });

  it('takes COMPOSE_PROJECT_NAME from the shell as Compose does, even when no file sets it', () => {
    const { config } = loadConfig({ files: ['/r/compose/versions.env'], env: { COMPOSE_PROJECT_NAME: 'booking-ci' }, read, root: '/r' });
    expect(config.values.COMPOSE_PROJECT_NAME).toBe('booking-ci');
    expect(config.origins.COMPOSE_PROJECT_NAME).toBe('environment');
  });
});

describe('composeEnvironment', () => {
  it('passes DB_IMAGE=mariadb:<version> when DB_ENGINE=mariadb and DB_IMAGE is empty', () => {
    const env = composeEnvironment({ values: { DB_ENGINE: 'mariadb', DB_IMAGE: '', MARIADB_VERSION: '11.8' }, origins: {} }, { PATH: '/bin' }, stackConfigOf({ DB_ENGINE: 'mariadb', DB_IMAGE: '', MARIADB_VERSION: '11.8' }));
    expect(env).toMatchObject({ PATH: '/bin', DB_IMAGE: 'mariadb:11.8' });
  });

  it('hands Compose the names the typed config derives, so compose.yaml repeats none', () => {
    const env = composeEnvironment({ values: { DB_ENGINE: 'mariadb', MYSQL_DATABASE: 'catalog', DB_IMAGE: 'x' }, origins: {} }, {}, stackConfigOf({ DB_ENGINE: 'mariadb', MYSQL_DATABASE: 'catalog', DB_IMAGE: 'x' }));
    expect(env).toMatchObject({ CDC_TOPIC: 'cdc.mariadb.catalog.hotels', SCHEMA_HISTORY_TOPIC: 'schema-history.catalog.mariadb', SEARCH_INDEX: 'hotels-mariadb', CONNECTOR_NAME: 'catalog-cdc-mariadb' });
  });

  it('keeps a DB_IMAGE the user chose, and leaves MySQL to compose.yaml', () => {
    expect(composeEnvironment({ values: { DB_ENGINE: 'mariadb', DB_IMAGE: 'local/mariadb:1' }, origins: {} }, {}, stackConfigOf({ DB_ENGINE: 'mariadb', DB_IMAGE: 'local/mariadb:1' })).DB_IMAGE).toBeUndefined();
    expect(composeEnvironment({ values: { DB_ENGINE: 'mysql', DB_IMAGE: '' }, origins: {} }, {}, stackConfigOf({ DB_ENGINE: 'mysql', DB_IMAGE: '' })).DB_IMAGE).toBeUndefined();
  });
});

describe('ensureEnvFile', () => {
  const example = '# creds\nMYSQL_ROOT_PASSWORD=\nMYSQL_USER=catalog\nMYSQL_PASSWORD=\nHAPROXY_STATS_PASSWORD=keep\n';

  it('fills every empty *_PASSWORD and keeps everything else', () => {
    let n = 0;
    const { text, generated } = fillPasswords(example, () => `secret${++n}`);
    expect(generated).toEqual(['MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD']);
    expect(text).toBe('# creds\nMYSQL_ROOT_PASSWORD=secret1\nMYSQL_USER=catalog\nMYSQL_PASSWORD=secret2\nHAPROXY_STATS_PASSWORD=keep\n');
  });

  it('creates .env only when missing', () => {
    const store = new Map<string, string>([['/ex', example]]);
    const fs: EnvFileSystem = { exists: (p) => store.has(p), read: (p) => store.get(p)!, write: (p, t) => void store.set(p, t) };
    expect(ensureEnvFile('/env', '/ex', fs, () => 'x').created).toBe(true);
    expect(store.get('/env')).toContain('MYSQL_PASSWORD=x');
    expect(ensureEnvFile('/env', '/ex', fs, () => 'y')).toEqual({ created: false, generated: [] });
  });

  it('appends to a .env older than the saga and object-store passwords exactly those it lacks, generated, and changes nothing else', () => {
    const older = '# mine\nMYSQL_PASSWORD=kept\nPAYMENTS_DB_PASSWORD=\nHTTP_PORT=18080'; // no final line break
    const store = new Map<string, string>([['/env', older]]);
    const fs: EnvFileSystem = { exists: (p) => store.has(p), read: (p) => store.get(p)!, write: (p, t) => void store.set(p, t) };
    let n = 0;
    const result = ensureEnvFile('/env', '/ex', fs, () => `gen${++n}`);
    // PAYMENTS_DB_PASSWORD is there, empty: the user's to fill (validation says so), never overwritten.
    expect(result).toEqual({ created: false, generated: ['INVENTORY_DB_PASSWORD', 'BOOKINGS_DB_PASSWORD', 'OBJECT_STORE_PASSWORD'] });
    const text = store.get('/env')!;
    expect(text.startsWith(`${older}\n`)).toBe(true);
    const { config: merged, errors } = loadConfig({ files: ['/env'], env: {}, read: () => text, root: '/' });
    expect(errors).toEqual([]);
    expect(merged.values).toMatchObject({ MYSQL_PASSWORD: 'kept', PAYMENTS_DB_PASSWORD: '', HTTP_PORT: '18080', INVENTORY_DB_PASSWORD: 'gen1', BOOKINGS_DB_PASSWORD: 'gen2', OBJECT_STORE_PASSWORD: 'gen3' });
    expect(ensureEnvFile('/env', '/ex', fs, () => 'again')).toEqual({ created: false, generated: [] });
    expect(store.get('/env')).toBe(text);
  });

  it("tells a command run before up on an older .env to let up or doctor append the saga passwords", () => {
    const { INVENTORY_DB_PASSWORD: _absent, ...older } = VALID;
    const [issue] = validateConfig({ values: older, origins: {} });
    expect(issue).toMatchObject({ key: 'INVENTORY_DB_PASSWORD', fix: 'run `npm run up` or `npm run doctor`, which append it to .env, generated' });
    expect(validateConfig(config({ INVENTORY_DB_PASSWORD: '' }))[0]?.fix).toBe('set INVENTORY_DB_PASSWORD in .env (see compose/.env.example)');
  });

  it('compose/.env.example documents every later secret, empty so the first up generates it', () => {
    const example = readFileSync(paths.envExample, 'utf8');
    for (const key of LATER_SECRETS) expect(example).toMatch(new RegExp(`^${key}=$`, 'm'));
  });

  it('generated passwords read back exactly as generated: nothing in them is quoting, a comment or a $', () => {
    const example = Array.from({ length: 50 }, (_, i) => `P${i}_PASSWORD=`).join('\n');
    const { text } = fillPasswords(example);
    const written = Object.fromEntries(text.split('\n').map((line) => line.split('=') as [string, string]));
    const { config, errors } = loadConfig({ files: ['/r/.env'], env: {}, read: () => text, root: '/r' });
    expect(errors).toEqual([]);
    expect(config.values).toEqual(written);
  });

  it('generates distinct random hex passwords by default', () => {
    const { text } = fillPasswords('A_PASSWORD=\nB_PASSWORD=\n');
    const [a, b] = text.split('\n').map((line) => line.split('=')[1]);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });
});
