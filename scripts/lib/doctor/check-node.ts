import { fail, ok, type CheckResult } from './check.ts';
import { atLeast } from './versions.ts';

// Vite 7 (the front end's build, web/) needs ^20.19 || >=22.12; Debian 13's Node is 20.19.
export const MIN_NODE = '20.19.0';

export function checkNode(version: string = process.versions.node): CheckResult {
  if (atLeast(version, MIN_NODE)) return ok('node', `Node ${version}`);
  return fail('node', `Node ${version} is older than ${MIN_NODE}`, 'install Node 20.19 or newer (https://nodejs.org, or `nvm install 20`)');
}
