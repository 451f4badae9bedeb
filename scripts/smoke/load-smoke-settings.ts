/** Smoke settings and connector name from the validated configuration, with user-facing errors. */
import { loadConnector } from '../lib/connect/render-connector.ts';
import { requireConfig } from '../lib/stack.ts';
import { smokeSettings, type SmokeSettings } from './smoke-settings.ts';

export function loadSmokeSettings(): { settings: SmokeSettings; values: Record<string, string> } {
  const config = requireConfig();
  return { settings: smokeSettings(config.values), values: config.values };
}

/** The connector's name is the `name` of kafka/connectors/${DB_ENGINE}.json. */
export function connectorName(values: Record<string, string>): string {
  return loadConnector(values).name;
}
