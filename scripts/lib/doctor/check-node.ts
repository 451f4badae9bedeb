import { fail, ok, type CheckResult } from './check.ts';
import { atLeast } from './versions.ts';

/**
 * 20.19: the front end's Vite 7 requires it (https://vite.dev/guide/#scaffolding-your-first-vite-project),
 * and it is the first 20.x that loads ES modules with require() without a flag.
 */
export const MIN_NODE = '20.19.0';

export function checkNode(version: string = process.versions.node): CheckResult {
  if (atLeast(version, MIN_NODE)) return ok('node', `Node ${version}`);
  return fail('node', `Node ${version} is older than ${MIN_NODE}, which the front end's build (Vite 7) needs`, 'install Node 20.19 or newer (https://nodejs.org, or `nvm install 20`)');
}
