/**
 * Start-up levers (issue 23): settings that may make `npm run up` faster, each switched
 * in .env and timed as an A/B pair by `npm run bench:up -- --a NAME=VALUE --b NAME=VALUE`.
 * Each default is what the stack did before the lever existed; a measurement, not this
 * file, decides whether one changes.
 * - CONNECT_PLUGIN_DISCOVERY: Kafka Connect's `plugin.discovery` (KIP-898), how the worker
 *   finds plugins: scanning every class of every jar (`only_scan`), the ServiceLoader
 *   manifests alone (`service_load`), or both with a warning or a failure where they disagree.
 * - ELASTICSEARCH_LEAN: start Elasticsearch with the X-Pack features the stack does not use
 *   turned off (compose/elasticsearch-lean.yaml, merged by compose/compose-files.ts).
 * - HEALTHCHECK_START_INTERVAL: Compose's healthcheck `start_interval`, how often a service's
 *   healthcheck runs during its start period; needs Docker Engine API 1.44
 *   (compose/healthcheck-start-interval.yaml, merged only on such an engine).
 * - EARLY_START: start the services that wait for their dependency themselves as soon as
 *   it is started instead of once its healthcheck passes (compose/early-start.yaml):
 *   without start_interval a healthcheck first passes up to one `interval` (3-5 s) after
 *   the dependency is ready, and every gate on it waits that long.
 */
import type { ConfigIssue } from './validate-config.ts';

export const CONNECT_PLUGIN_DISCOVERY_VARIABLE = 'CONNECT_PLUGIN_DISCOVERY';
export const ELASTICSEARCH_LEAN_VARIABLE = 'ELASTICSEARCH_LEAN';
export const HEALTHCHECK_START_INTERVAL_VARIABLE = 'HEALTHCHECK_START_INTERVAL';
export const EARLY_START_VARIABLE = 'EARLY_START';

/** Kafka 4.1's PluginDiscoveryMode values (connect-runtime; its own default is hybrid_warn). */
export const PLUGIN_DISCOVERY_MODES = ['only_scan', 'hybrid_warn', 'hybrid_fail', 'service_load'] as const;
export type PluginDiscoveryMode = (typeof PLUGIN_DISCOVERY_MODES)[number];

/**
 * What the stack ran before each lever was a setting: compose.yaml has given Connect
 * `service_load` since the first commit; Elasticsearch ran with every feature of its
 * image; healthchecks ran at their `interval` from the start; db-setup, kafka-init and
 * Connect started once their dependencies were healthy. Also the value for a
 * .env written before the variable existed (LATER_DEFAULTS).
 */
export const START_LEVER_DEFAULTS = {
  [CONNECT_PLUGIN_DISCOVERY_VARIABLE]: 'service_load',
  [ELASTICSEARCH_LEAN_VARIABLE]: 'off',
  [HEALTHCHECK_START_INTERVAL_VARIABLE]: 'off',
  [EARLY_START_VARIABLE]: 'off',
} as const;

export interface StartLevers {
  connectPluginDiscovery: PluginDiscoveryMode;
  elasticsearchLean: boolean;
  /** A Compose duration (`1s`), or undefined when off. */
  healthcheckStartInterval?: string;
  earlyStart: boolean;
}

/** A Compose (Go) duration the engine takes for start_interval: `1s`, `500ms`, `1.5s`; not zero. */
const DURATION = /^(?=.*[1-9])\d+(?:\.\d+)?(?:ms|s)$/;

function setting(values: Record<string, string | undefined>, key: keyof typeof START_LEVER_DEFAULTS): string {
  const raw = values[key]?.trim() ?? '';
  return raw === '' ? START_LEVER_DEFAULTS[key] : raw;
}

/** The levers as the stack applies them; an invalid value (refused by startLeverIssues) reads as the default. */
export function startLeversOf(values: Record<string, string | undefined>): StartLevers {
  const discovery = setting(values, CONNECT_PLUGIN_DISCOVERY_VARIABLE);
  const interval = setting(values, HEALTHCHECK_START_INTERVAL_VARIABLE);
  return {
    connectPluginDiscovery: (PLUGIN_DISCOVERY_MODES as readonly string[]).includes(discovery) ? (discovery as PluginDiscoveryMode) : START_LEVER_DEFAULTS[CONNECT_PLUGIN_DISCOVERY_VARIABLE],
    elasticsearchLean: setting(values, ELASTICSEARCH_LEAN_VARIABLE) === 'on',
    ...(DURATION.test(interval) ? { healthcheckStartInterval: interval } : {}),
    earlyStart: setting(values, EARLY_START_VARIABLE) === 'on',
  };
}

export function startLeverIssues(values: Record<string, string | undefined>, where: (key: string) => string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const discovery = setting(values, CONNECT_PLUGIN_DISCOVERY_VARIABLE);
  if (!(PLUGIN_DISCOVERY_MODES as readonly string[]).includes(discovery)) {
    issues.push({
      key: CONNECT_PLUGIN_DISCOVERY_VARIABLE,
      message: `${CONNECT_PLUGIN_DISCOVERY_VARIABLE}="${discovery}" (${where(CONNECT_PLUGIN_DISCOVERY_VARIABLE)}) is not one of ${PLUGIN_DISCOVERY_MODES.join(', ')} (Kafka Connect would refuse to start)`,
      fix: `set ${CONNECT_PLUGIN_DISCOVERY_VARIABLE}=${START_LEVER_DEFAULTS[CONNECT_PLUGIN_DISCOVERY_VARIABLE]} in .env`,
    });
  }
  issues.push(...onOffIssues(values, ELASTICSEARCH_LEAN_VARIABLE, where));
  const interval = setting(values, HEALTHCHECK_START_INTERVAL_VARIABLE);
  if (interval !== 'off' && !DURATION.test(interval)) {
    issues.push({
      key: HEALTHCHECK_START_INTERVAL_VARIABLE,
      message: `${HEALTHCHECK_START_INTERVAL_VARIABLE}="${interval}" (${where(HEALTHCHECK_START_INTERVAL_VARIABLE)}) is neither off nor a time like 1s or 500ms`,
      fix: `set ${HEALTHCHECK_START_INTERVAL_VARIABLE}=off (or 1s) in .env`,
    });
  }
  issues.push(...onOffIssues(values, EARLY_START_VARIABLE, where));
  return issues;
}

/** A lever that is on or off; anything else is refused. */
function onOffIssues(values: Record<string, string | undefined>, key: typeof ELASTICSEARCH_LEAN_VARIABLE | typeof EARLY_START_VARIABLE, where: (key: string) => string): ConfigIssue[] {
  const value = setting(values, key);
  return ['on', 'off'].includes(value) ? [] : [{ key, message: `${key}="${value}" (${where(key)}) is not on or off`, fix: `set ${key}=off (or on) in .env` }];
}
