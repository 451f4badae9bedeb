/**
 * What the commands share: the validated configuration and a Compose adapter set up
 * with it. Commands other than `up`/`doctor` never create .env: they tell the user to.
 */
import { existsSync } from 'node:fs';
import { composeEnvironment } from './config/compose-env.ts';
import { loadConfig, type Config } from './config/load-config.ts';
import { validateConfig } from './config/validate-config.ts';
import { createCompose, type Compose } from './compose/compose.ts';
import { UserError } from './errors.ts';
import { paths } from './paths.ts';

export function requireConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (!existsSync(paths.envFile)) throw new UserError('.env does not exist yet', 'run `npm run up` (or `npm run doctor`), which creates it from compose/.env.example');
  const { config, errors } = loadConfig({ env });
  const [first] = errors;
  if (first) throw new UserError(`${first.file}:${first.line}: ${first.message}`, first.fix);
  const [issue] = validateConfig(config);
  if (issue) throw new UserError(issue.message, issue.fix);
  return config;
}

/**
 * For `down` and `reset`: they must work on a fresh clone and after `.env` was
 * deleted, to clean up whatever this project left. Compose interpolates the whole
 * file even to remove containers, so without `.env` the example stands in and the
 * empty passwords get a placeholder: removing containers uses none of them.
 */
export function teardownCompose(env: NodeJS.ProcessEnv = process.env): Compose {
  if (existsSync(paths.envFile)) return stackCompose(requireConfig(env), env);
  const envFiles = [paths.versionsFile, paths.envExample];
  const { config } = loadConfig({ files: envFiles, env });
  const placeholders = Object.fromEntries(
    Object.keys(config.values)
      .filter((key) => key.endsWith('_PASSWORD') && config.values[key] === '')
      .map((key) => [key, 'unused-by-teardown']),
  );
  return createCompose({ envFiles, env: composeEnvironment(config, { ...env, ...placeholders }) });
}

export function stackCompose(config: Config, env: NodeJS.ProcessEnv = process.env): Compose {
  return createCompose({ env: composeEnvironment(config, env) });
}
