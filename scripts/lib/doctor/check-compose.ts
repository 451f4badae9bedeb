/**
 * Compose v2 >= 2.20: `up --wait` with one-shot services and `--wait-timeout` behave
 * as this project relies on from there. Compose v1 (`docker-compose`, Python) is end
 * of life and cannot read this compose file; Sentry dropped it too.
 */
import { fail, ok, type CheckResult } from './check.ts';
import { atLeast } from './versions.ts';

export const MIN_COMPOSE = '2.20.0';

export function composeCheck(found: { v2?: string; v1?: string; v2Error?: string }): CheckResult {
  if (found.v2) {
    if (atLeast(found.v2, MIN_COMPOSE)) return ok('compose', `Docker Compose ${found.v2}`);
    return fail('compose', `Docker Compose ${found.v2} is older than ${MIN_COMPOSE}`, 'update Docker Desktop, or install the compose plugin: https://docs.docker.com/compose/install/linux/');
  }
  if (found.v1) {
    return fail('compose', `only Compose v1 (docker-compose ${found.v1}) is installed; this stack needs Compose v2 (\`docker compose\`)`, 'install the Compose v2 plugin: https://docs.docker.com/compose/install/linux/');
  }
  return fail('compose', `\`docker compose\` is not available${found.v2Error ? `: ${found.v2Error.split('\n')[0]}` : ''}`, 'install the Compose v2 plugin: https://docs.docker.com/compose/install/linux/');
}
