/**
 * What Compose receives as its process environment. The `docker-compose` npm package
 * *replaces* the environment with its `env` option, so start from process.env, then add
 * the names derived by the typed config (stack-config.ts) and the JVMs' options.
 * The database image the orchestrator chooses (MariaDB's) is images.ts's rule.
 */
import { chosenDatabaseImage } from './images.ts';
import type { Config } from './load-config.ts';
import { derivedVariables, stackConfigOf, type StackConfig } from './stack-config.ts';

export function composeEnvironment(config: Config, env: NodeJS.ProcessEnv = process.env, stack: StackConfig = stackConfigOf(config.values)): NodeJS.ProcessEnv {
  // The derived names (topics, index, group) exist only in the typed config: hand them to
  // compose.yaml, which passes them on to kafka-init and the services.
  const result: NodeJS.ProcessEnv = { ...env, ...derivedVariables(stack), JVM_OPTIONS: stack.jvmOptions };
  const databaseImage = chosenDatabaseImage(config.values);
  if (databaseImage !== undefined) result.DB_IMAGE = databaseImage;
  return result;
}
