/**
 * Rules for the variable contract in compose/.env.example. Pure: returns every
 * problem at once (fixing one at a time per run is tedious), each with a fix.
 */
import { DEFAULT_REFRESH_INTERVAL, REFRESH_INTERVAL } from '../../../services/search-indexer/contract.ts';
import type { Config } from './load-config.ts';
import { OBJECT_STORE_PASSWORD_VARIABLE } from './images-config.ts';
import { startLeverIssues } from './start-levers.ts';
import { BOOKING_CREATE_LIMIT_VARIABLE, DB_ENGINES, DEV_SERVER_PORT_VARIABLE, LATER_DEFAULTS, PORT_VARIABLES as PORT_VARIABLE_OF, SAGA_PASSWORD_VARIABLES, valueOrDefault } from './stack-config.ts';

export interface ConfigIssue {
  key: string;
  message: string;
  fix: string;
}

export const PORT_VARIABLES = Object.values(PORT_VARIABLE_OF);
export const HEAP_VARIABLES = ['ELASTICSEARCH_HEAP', 'KAFKA_HEAP', 'CONNECT_HEAP'] as const;
export const JVM_OPTION_VARIABLES = ['JVM_LAPTOP_OPTS', 'JAVA_TOOL_OPTIONS'] as const;
export { DB_ENGINES };
export const REQUIRED_VARIABLES = [
  'DB_ENGINE',
  ...PORT_VARIABLES.filter((key) => !(key in LATER_DEFAULTS)),
  'MYSQL_ROOT_PASSWORD',
  'MYSQL_DATABASE',
  'MYSQL_USER',
  'MYSQL_PASSWORD',
  'DEBEZIUM_DB_USER',
  'DEBEZIUM_DB_PASSWORD',
  'HAPROXY_STATS_USER',
  'HAPROXY_STATS_PASSWORD',
  ...SAGA_PASSWORD_VARIABLES,
  OBJECT_STORE_PASSWORD_VARIABLE,
  ...HEAP_VARIABLES,
] as const;

export function validateConfig(config: Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const where = (key: string) => config.origins[key] ?? '.env';
  const value = (key: string) => config.values[key] ?? '';

  for (const key of REQUIRED_VARIABLES) {
    if (value(key).trim() === '') {
      // A secret newer than the user's .env: up and doctor append it, generated (ensure-env-file.ts).
      const fix = [...SAGA_PASSWORD_VARIABLES, OBJECT_STORE_PASSWORD_VARIABLE].includes(key) && config.values[key] === undefined
        ? 'run `npm run up` or `npm run doctor`, which append it to .env, generated'
        : `set ${key} in .env (see compose/.env.example)`;
      issues.push({ key, message: `${key} is empty or missing (${where(key)})`, fix });
    }
  }

  const engine = value('DB_ENGINE');
  if (engine && !(DB_ENGINES as readonly string[]).includes(engine)) {
    issues.push({ key: 'DB_ENGINE', message: `DB_ENGINE="${engine}" (${where('DB_ENGINE')}) is not one of ${DB_ENGINES.join(', ')}`, fix: 'set DB_ENGINE=mysql or DB_ENGINE=mariadb in .env' });
  }

  const seen = new Map<number, string>();
  for (const key of [...PORT_VARIABLES, DEV_SERVER_PORT_VARIABLE]) {
    const raw = valueOrDefault(config.values, key) ?? '';
    if (raw === '') continue;
    const port = Number(raw);
    if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
      issues.push({ key, message: `${key}="${raw}" (${where(key)}) is not a port number 1-65535`, fix: `set ${key} to a free port number in .env (compose/.env.example has the default)` });
      continue;
    }
    const other = seen.get(port);
    if (other) {
      issues.push({ key, message: `${key} and ${other} are both ${port}`, fix: `give ${key} its own port in .env` });
    }
    seen.set(port, key);
  }

  const createLimit = valueOrDefault(config.values, BOOKING_CREATE_LIMIT_VARIABLE) ?? '';
  if (!/^[1-9]\d{0,5}$/.test(createLimit)) {
    issues.push({
      key: BOOKING_CREATE_LIMIT_VARIABLE,
      message: `${BOOKING_CREATE_LIMIT_VARIABLE}="${createLimit}" (${where(BOOKING_CREATE_LIMIT_VARIABLE)}) is not a whole number from 1 to 999999`,
      fix: `set ${BOOKING_CREATE_LIMIT_VARIABLE}=${LATER_DEFAULTS[BOOKING_CREATE_LIMIT_VARIABLE]} in .env (new bookings per client address in 10 s)`,
    });
  }

  for (const key of HEAP_VARIABLES) {
    const raw = value(key);
    if (raw !== '' && !/^[1-9]\d*[kmg]$/i.test(raw)) {
      issues.push({ key, message: `${key}="${raw}" (${where(key)}) is not a heap size like 512m or 1g`, fix: `set ${key}=512m in .env` });
    }
  }

  // A word without its dash (TieredStopAtLevel=1) stops every JVM with a bare
  // "Could not find or load main class"; say which variable it came from instead.
  for (const key of JVM_OPTION_VARIABLES) {
    // A quoted value may hold spaces (-Dname="a b"): it is one option.
    const stray = value(key).replace(/"[^"]*"|'[^']*'/g, 'quoted').split(/\s+/).find((word) => word !== '' && !word.startsWith('-'));
    if (stray !== undefined) {
      issues.push({ key, message: `${key}="${value(key)}" (${where(key)}) has "${stray}", which is not a JVM option (they start with -)`, fix: `write JVM options such as -XX:TieredStopAtLevel=1 in ${key} in .env, or leave it empty` });
    }
  }

  const refresh = value('SEARCH_REFRESH_INTERVAL');
  if (refresh !== '' && !REFRESH_INTERVAL.test(refresh)) {
    issues.push({
      key: 'SEARCH_REFRESH_INTERVAL',
      message: `SEARCH_REFRESH_INTERVAL="${refresh}" (${where('SEARCH_REFRESH_INTERVAL')}) is not a time like ${DEFAULT_REFRESH_INTERVAL} or 1s`,
      fix: `set SEARCH_REFRESH_INTERVAL=${DEFAULT_REFRESH_INTERVAL} in .env`,
    });
  }

  // `*` would let any web page the developer opens call the API through their
  // browser; catalog-api limits it to reads (services/kit/cors.ts), but a
  // setting that reads "any origin" and means "any origin, reads only" misleads.
  const corsOrigins = value('CORS_ORIGINS').split(',').map((origin) => origin.trim());
  if (corsOrigins.includes('*')) {
    issues.push({
      key: 'CORS_ORIGINS',
      message: `CORS_ORIGINS contains * (${where('CORS_ORIGINS')}): any web page open in your browser could call the API`,
      fix: 'list the origins of your front ends instead, e.g. CORS_ORIGINS=http://localhost:3000,http://localhost:5173 in .env',
    });
  }

  issues.push(...startLeverIssues(config.values, where));

  const seed = value('SEED_SAMPLE_DATA');
  if (seed !== '' && !['true', 'false'].includes(seed)) {
    issues.push({ key: 'SEED_SAMPLE_DATA', message: `SEED_SAMPLE_DATA="${seed}" is not true or false`, fix: 'set SEED_SAMPLE_DATA=true or false in .env' });
  }
  return issues;
}
