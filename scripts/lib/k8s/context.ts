/**
 * Everything a manifest builder needs, gathered once per target: the target's own
 * settings, the typed stack config (names, topics), the pinned versions, the topic list
 * of kafka/topics.json and HAProxy's timeouts. Reading files happens here only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../config/load-config.ts';
import { stackConfigOf, type StackConfig } from '../config/stack-config.ts';
import { outboxConnectorFile } from '../connect/outbox-connectors.ts';
import { availabilityConnectorFile } from '../connect/availability-connector.ts';
import { paths } from '../paths.ts';
import { readBookingLookupLimit, readHaproxyDefaults, readRoomsRoute, type HaproxyDefaults } from './haproxy-settings.ts';
import { stackTopics, type TopicSpec } from '../config/kafka-topics.ts';
import type { K8sTarget } from './targets.ts';

export interface K8sContext {
  target: K8sTarget;
  /** compose/versions.env and compose/.env.example: the defaults every developer starts from. */
  values: Record<string, string>;
  stack: StackConfig;
  topics: TopicSpec[];
  haproxy: HaproxyDefaults;
  /** haproxy.cfg's lookup limit of the booking backend (haproxy-settings.ts). */
  bookingLookupLimit: string[];
  /** haproxy.cfg's path pattern of a hotel's rooms, the booking service's route (haproxy-settings.ts). */
  roomsRoute: string;
  /** kafka/connectors/<engine>.json, as the compose path registers it. */
  connectorTemplate: string;
  /** kafka/connectors/outbox-<engine>.json: each saga service's outbox connector (issue 20). */
  outboxConnectorTemplate: string;
  /** kafka/connectors/inventory-<engine>.json: date search's change capture of the inventory (issue 21). */
  availabilityConnectorTemplate: string;
  /** The MySQL server flags of compose.yaml's mysql `command`. */
  mysqlFlags: string[];
}

export type ReadFile = (path: string) => string;

const readText: ReadFile = (path) => readFileSync(path, 'utf8');

/**
 * The defaults, not the developer's .env: committed manifests must not depend on who
 * generated them. The process environment is left out for the same reason.
 */
export function defaultValues(read: ReadFile = readText): Record<string, string> {
  const { config, errors } = loadConfig({ files: [paths.versionsFile, paths.envExample], env: {}, read });
  if (errors.length > 0) throw new Error(`compose/versions.env or compose/.env.example cannot be read: ${errors.map((e) => e.message).join('; ')}`);
  return config.values;
}

export function k8sContext(target: K8sTarget, read: ReadFile = readText): K8sContext {
  const values = defaultValues(read);
  const stack = stackConfigOf(values);
  const haproxyCfg = read(join(paths.repoRoot, 'haproxy', 'haproxy.cfg'));
  return {
    target,
    values,
    stack,
    topics: stackTopics(stack, read),
    haproxy: readHaproxyDefaults(haproxyCfg),
    bookingLookupLimit: readBookingLookupLimit(haproxyCfg),
    roomsRoute: readRoomsRoute(haproxyCfg),
    connectorTemplate: read(join(paths.connectorsDir, `${stack.engine}.json`)),
    outboxConnectorTemplate: read(outboxConnectorFile(stack.engine)),
    availabilityConnectorTemplate: read(availabilityConnectorFile(stack.engine)),
    mysqlFlags: composeMysqlFlags(read(paths.composeFile)),
  };
}

export function composeMysqlFlags(composeYaml: string): string[] {
  const command: unknown = (parse(composeYaml) as { services?: { mysql?: { command?: unknown } } })?.services?.mysql?.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((flag) => typeof flag === 'string' && flag.startsWith('--'))) {
    throw new Error('compose/compose.yaml: services.mysql.command is not a list of --flags');
  }
  return command as string[];
}

/** A pinned version from compose/versions.env; a missing one is a broken checkout. */
export function version(ctx: K8sContext, name: string): string {
  const value = ctx.values[name];
  if (!value) throw new Error(`compose/versions.env has no ${name}`);
  return value;
}
