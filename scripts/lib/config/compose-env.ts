/**
 * What Compose receives as its process environment. A given `env` *replaces* the
 * environment of the child (exec.ts, as node:child_process does), so start from process.env, then add
 * the names derived by the typed config (stack-config.ts), the JVMs' options and the
 * chosen profile's Compose profiles.
 * The database image the orchestrator chooses (MariaDB's) is images.ts's rule.
 */
import { chosenDatabaseImage } from './images.ts';
import { kafkaTopicsVariable, stackTopics } from './kafka-topics.ts';
import type { Config } from './load-config.ts';
import { derivedVariables, type StackConfig } from './stack-config.ts';

export function composeEnvironment(config: Config, env: NodeJS.ProcessEnv, stack: StackConfig, edgeTls: Record<string, string> = {}): NodeJS.ProcessEnv {
  // The derived names (topics, index, group) exist only in the typed config: hand them to
  // compose.yaml, which passes them on to kafka-init and the services; KAFKA_TOPICS is the
  // topic list (kafka/topics.json) with those names filled in, for kafka-init. `edgeTls`: the
  // server certificate as content (tls/edge-tls-variables.ts).
  // COMPOSE_PROFILES: the chosen profile's groups (profiles-config.ts), set here so that one in
  // the shell cannot start another set than the one `up` checked and waits for. Empty for `core`.
  const result: NodeJS.ProcessEnv = { ...env, ...derivedVariables(stack), KAFKA_TOPICS: kafkaTopicsVariable(stackTopics(stack)), JVM_OPTIONS: stack.jvmOptions, ...edgeTls, COMPOSE_PROFILES: stack.profile.groups.join(',') };
  const databaseImage = chosenDatabaseImage(config.values);
  if (databaseImage !== undefined) result.DB_IMAGE = databaseImage;
  return result;
}
