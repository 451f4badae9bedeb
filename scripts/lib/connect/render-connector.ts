/**
 * Connector configurations are JSON templates in kafka/connectors/<engine>.json:
 * `{ "name": ..., "config": { ... } }` with `${VAR}` placeholders filled from the
 * merged configuration. Placeholders are replaced inside parsed string values, so a
 * password holding a quote cannot break the JSON. An unknown placeholder is an
 * error: a silently empty `database.password` only fails later, inside Connect.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../errors.ts';
import { paths } from '../paths.ts';
import { derivedVariables, type StackConfig } from '../config/stack-config.ts';

export interface ConnectorConfig {
  name: string;
  config: Record<string, string>;
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function renderConnector(template: string, values: Record<string, string>, file: string): ConnectorConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch (error) {
    throw new UserError(`${file} is not valid JSON: ${(error as Error).message}`, `fix the JSON syntax in ${file}`);
  }
  const shape = parsed as { name?: unknown; config?: unknown };
  if (typeof shape.name !== 'string' || !shape.config || typeof shape.config !== 'object' || Array.isArray(shape.config)) {
    throw new UserError(`${file} must be { "name": "...", "config": { ... } }`, `restore ${file} from git`);
  }
  const unknown = new Set<string>();
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (whole, key: string) => {
      if (NAME.test(key) && key in values) return values[key]!;
      unknown.add(key);
      return whole;
    });
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(shape.config as Record<string, unknown>)) {
    // Connect stores every property as a string; numbers and booleans are written as such.
    config[key] = fill(typeof value === 'string' ? value : JSON.stringify(value));
  }
  const name = fill(shape.name);
  if (unknown.size > 0) {
    const list = [...unknown].map((key) => `\${${key}}`).join(', ');
    throw new UserError(`${file} uses unknown placeholder(s) ${list}`, `define them in .env (and compose/.env.example), or fix the names in ${file}`);
  }
  return { name, config };
}

export function connectorFile(engine: string, dir: string = paths.connectorsDir): string {
  return join(dir, `${engine}.json`);
}

export interface LoadConnectorOptions {
  dir?: string;
  read?: (path: string) => string;
}

/** What the connector templates read: the derived names, the engine, the database and the capture account. */
export function connectorVariables(stack: StackConfig): Record<string, string> {
  return { ...derivedVariables(stack), DB_ENGINE: stack.engine, MYSQL_DATABASE: stack.database.name, DEBEZIUM_DB_USER: stack.captureUser };
}

/** The connector for DB_ENGINE, rendered. */
export function loadConnector(stack: StackConfig, options: LoadConnectorOptions = {}): ConnectorConfig {
  const { template, label } = readTemplate(connectorFile(stack.engine, options.dir), stack, options);
  // Every name and account comes from the one typed config.
  return renderConnector(template, connectorVariables(stack), label);
}

/** A connector template's text and its path as the user knows it; a missing one says how to get it back. */
export function readTemplate(file: string, stack: Pick<StackConfig, 'engine'>, { read = (path) => readFileSync(path, 'utf8') }: LoadConnectorOptions = {}): { template: string; label: string } {
  const label = relative(paths.repoRoot, file);
  try {
    return { template: read(file), label };
  } catch {
    throw new UserError(`${label} is missing (DB_ENGINE=${stack.engine})`, `restore it from git, or set DB_ENGINE to mysql or mariadb in .env`);
  }
}
