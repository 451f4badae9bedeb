/**
 * The capture password never sits in the connector config: not in what `up` PUTs,
 * hence not in GET /connectors/<name>/config nor in Connect's config topic. The
 * connector holds a reference; compose.yaml gives Connect the password in the one
 * variable Kafka's EnvVarConfigProvider may read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConnector } from '../../../scripts/lib/connect/render-connector.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { DB_ENGINES } from '../../../scripts/lib/config/validate-config.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { exampleValues } from '../static/tools.ts';

const password = 'capture-Secret-4711';
/** The variable Connect holds the password in, and what the connector says instead of it. */
const VARIABLE = 'DEBEZIUM_DB_PASSWORD';
const REFERENCE = `\${env:${VARIABLE}}`;

/** The worker property a CONNECT_* variable becomes: the Debezium image's rule (connect-base/3.5/docker-entrypoint.sh). */
const workerProperty = (variable: string) => variable.replace(/^CONNECT_/, '').toLowerCase().replaceAll('_', '.');

function connectEnvironment(): Record<string, string> {
  const compose = parse(readFileSync(join(paths.repoRoot, 'compose', 'compose.yaml'), 'utf8')) as { services: { connect: { environment: Record<string, string> } } };
  // `$$` is Compose's escape for a literal `$`.
  return Object.fromEntries(Object.entries(compose.services.connect.environment).map(([name, value]) => [name, String(value).replaceAll('$$', '$')]));
}

describe('the capture password reaches Connect by reference only', () => {
  for (const engine of DB_ENGINES) it(`${engine}: the rendered connector holds \${env:...}, never the password`, () => {
    const values = { ...exampleValues(), DB_ENGINE: engine, DEBEZIUM_DB_PASSWORD: password };
    const connector = loadConnector(stackConfigOf(values));
    expect(JSON.stringify(connector)).not.toContain(password);
    expect(connector.config['database.password']).toBe(REFERENCE);
    expect(stackConfigOf(values).connectorPassword).toEqual({ variable: VARIABLE, reference: REFERENCE });
  });

  it("compose.yaml gives Connect the password in that variable and an env provider that may read it and nothing else", () => {
    const environment = connectEnvironment();
    // From .env, as db-setup gets it; compose refuses to start without it.
    expect(environment[VARIABLE]).toMatch(new RegExp(`^\\$\\{${VARIABLE}:\\?`));
    const properties = Object.fromEntries(Object.entries(environment).filter(([name]) => name.startsWith('CONNECT_')).map(([name, value]) => [workerProperty(name), value]));
    expect(properties['config.providers']?.split(',')).toContain('env');
    expect(properties['config.providers.env.class']).toBe('org.apache.kafka.common.config.provider.EnvVarConfigProvider');
    const allowlist = new RegExp(properties['config.providers.env.param.allowlist.pattern'] ?? '(?!)');
    expect(allowlist.test(VARIABLE)).toBe(true);
    for (const other of ['MYSQL_ROOT_PASSWORD', `${VARIABLE}_OLD`, `X${VARIABLE}`, 'PATH']) expect(allowlist.test(other), other).toBe(false);
  });
});
