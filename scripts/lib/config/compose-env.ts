/**
 * What Compose receives as its process environment. The `docker-compose` npm package
 * *replaces* the environment with its `env` option, so start from process.env.
 * compose.yaml defaults DB_IMAGE to mysql:${MYSQL_VERSION}; choosing MariaDB is a
 * decision of the orchestrator, which passes mariadb:${MARIADB_VERSION} unless the
 * user (or CI) named an image.
 */
import type { Config } from './load-config.ts';

export function composeEnvironment(config: Config, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env };
  if (config.values.DB_ENGINE === 'mariadb' && !config.values.DB_IMAGE) {
    result.DB_IMAGE = `mariadb:${config.values.MARIADB_VERSION ?? ''}`;
  }
  return result;
}
