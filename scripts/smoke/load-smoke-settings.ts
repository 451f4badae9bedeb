/** Smoke settings and connector name from the merged configuration, with user-facing errors. */
import { UserError } from '../lib/errors.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { loadConnector } from '../lib/connect/render-connector.ts';
import { smokeSettings, type SmokeSettings } from './smoke-settings.ts';

export function loadSmokeSettings(): { settings: SmokeSettings; values: Record<string, string> } {
  const { config, errors } = loadConfig();
  const first = errors[0];
  if (first) throw new UserError(`${first.file}:${first.line}: ${first.message}`, first.fix);
  if (!config.values.MYSQL_PASSWORD) {
    throw new UserError('MYSQL_PASSWORD is not set, so the stack was never started here', 'run `npm run up` first (it writes .env)');
  }
  return { settings: smokeSettings(config.values), values: config.values };
}

/** The connector's name is the `name` of kafka/connectors/${DB_ENGINE}.json. */
export function connectorName(values: Record<string, string>): string {
  return loadConnector(values).name;
}
