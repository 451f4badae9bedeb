/**
 * The Compose adapter set up with the validated configuration: for the commands
 * that run against the stack, and a teardown variant that works without `.env`.
 */
import { existsSync } from 'node:fs';
import { composeEnvironment } from '../config/compose-env.ts';
import { loadConfig } from '../config/load-config.ts';
import { requireConfig, type ConfiguredStack } from '../config/require-config.ts';
import { stackConfigOf } from '../config/stack-config.ts';
import { ALL_PROFILES, createCompose, type Compose } from './compose.ts';
import { paths } from '../paths.ts';
import { readEdgeTlsVariables } from '../tls/edge-tls-variables.ts';

/**
 * For `down` and `reset`: they must work on a fresh clone and after `.env` was
 * deleted, to clean up whatever this project left. Compose interpolates the whole
 * file even to remove containers, so without `.env` the example stands in and the
 * empty passwords get a placeholder: removing containers uses none of them.
 * Every Compose profile is on (`*`): whichever profile started the stack, or an
 * earlier one, each service's containers and volumes are this project's to remove.
 */
export function teardownCompose(env: NodeJS.ProcessEnv = process.env): Compose {
  if (existsSync(paths.envFile)) return stackCompose(requireConfig(env), env, { allProfiles: true });
  const envFiles = [paths.versionsFile, paths.envExample];
  const { config } = loadConfig({ files: envFiles, env });
  const placeholders = Object.fromEntries(
    Object.keys(config.values)
      .filter((key) => key.endsWith('_PASSWORD') && config.values[key] === '')
      .map((key) => [key, 'unused-by-teardown']),
  );
  const stack = stackConfigOf(config.values);
  return createCompose({ envFiles, env: { ...composeEnvironment(config, { ...env, ...placeholders }, stack), COMPOSE_PROFILES: ALL_PROFILES }, startLevers: stack.startLevers });
}

export function stackCompose({ config, stack }: ConfiguredStack, env: NodeJS.ProcessEnv = process.env, { allProfiles = false } = {}): Compose {
  const composeEnv = composeEnvironment(config, env, stack, readEdgeTlsVariables(paths.tlsDir));
  return createCompose({ env: allProfiles ? { ...composeEnv, COMPOSE_PROFILES: ALL_PROFILES } : composeEnv, startLevers: stack.startLevers });
}

/**
 * The project's name as Compose resolves it (COMPOSE_PROJECT_NAME, else compose.yaml's
 * `name:`), quoted, for the lines that say which of several stacks on one machine a
 * command removed. Unknown when Compose cannot read its file: then it says so.
 */
export async function composeProjectName(compose: Pick<Compose, 'config'>): Promise<string> {
  const name = await compose.config().then(
    (model) => model.name,
    () => undefined,
  );
  return name ? `"${name}"` : '(name unknown: `docker compose config` failed)';
}
