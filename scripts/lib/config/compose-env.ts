/**
 * What Compose receives as its process environment. The `docker-compose` npm package
 * *replaces* the environment with its `env` option, so start from process.env, then add
 * the names derived by the typed config (stack-config.ts) and the JVMs' options.
 * compose.yaml defaults DB_IMAGE to mysql:${MYSQL_VERSION}; choosing MariaDB is a
 * decision of the orchestrator, which passes mariadb:${MARIADB_VERSION} unless the
 * user (or CI) named an image.
 */
import type { Config } from './load-config.ts';
import { derivedVariables, stackConfigOf, type StackConfig } from './stack-config.ts';

export function composeEnvironment(config: Config, env: NodeJS.ProcessEnv = process.env, stack: StackConfig = stackConfigOf(config.values)): NodeJS.ProcessEnv {
  // The derived names (topics, index, group) exist only in the typed config: hand them to
  // compose.yaml, which passes them on to kafka-init and the services.
  const result: NodeJS.ProcessEnv = { ...env, ...derivedVariables(stack), JVM_OPTIONS: stack.jvmOptions };
  if (config.values.DB_ENGINE === 'mariadb' && !config.values.DB_IMAGE) {
    result.DB_IMAGE = `mariadb:${config.values.MARIADB_VERSION ?? ''}`;
  }
  return result;
}
