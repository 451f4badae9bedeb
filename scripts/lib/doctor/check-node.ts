import { fail, ok, type CheckResult } from './check.ts';
import { atLeast } from './versions.ts';

export const MIN_NODE = '20.0.0';

export function checkNode(version: string = process.versions.node): CheckResult {
  if (atLeast(version, MIN_NODE)) return ok('node', `Node ${version}`);
  return fail('node', `Node ${version} is older than ${MIN_NODE}`, 'install Node 20 or newer (https://nodejs.org, or `nvm install 20`)');
}
