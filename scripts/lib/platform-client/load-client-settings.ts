/** Client settings and connector name from the validated configuration, with user-facing errors. */
import { loadConnector } from '../connect/render-connector.ts';
import { requireConfig } from '../config/require-config.ts';
import { clientSettings, type ClientSettings } from './client-settings.ts';

export function loadClientSettings(): { settings: ClientSettings; values: Record<string, string> } {
  const config = requireConfig();
  return { settings: clientSettings(config.values), values: config.values };
}

/** The connector's name is the `name` of kafka/connectors/${DB_ENGINE}.json. */
export function connectorName(values: Record<string, string>): string {
  return loadConnector(values).name;
}
