/**
 * `npm run k8s:secrets -- <local|shared> [--force]`: writes .k8s-secrets/<target>.yaml
 * (git-ignored, mode 0600) with new random database passwords, to apply once with
 * `kubectl apply -f`. Refuses to overwrite: new passwords would not match a database
 * that already holds the old ones.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../lib/errors.ts';
import { passwordSecrets, secretsYaml } from '../lib/k8s/secrets.ts';
import { targetNames, targets, type TargetName } from '../lib/k8s/targets.ts';
import { paths } from '../lib/paths.ts';
import { createOutput } from '../lib/ui/output.ts';

export const secretsDir = join(paths.repoRoot, '.k8s-secrets');

export async function run(args: string[]): Promise<number> {
  const name = args.find((arg) => !arg.startsWith('-'));
  if (!name || !(targetNames as string[]).includes(name)) {
    throw new UserError(`k8s:secrets needs a target: ${targetNames.join(' or ')}`, `npm run k8s:secrets -- ${targetNames[0]}`);
  }
  const file = join(secretsDir, `${name}.yaml`);
  const label = relative(paths.repoRoot, file);
  if (existsSync(file) && !args.includes('--force')) {
    throw new UserError(`${label} exists: new passwords would not match a database set up with the old ones`, `apply it as it is, or delete the environment's data first and rerun with -- --force`);
  }
  mkdirSync(secretsDir, { recursive: true });
  writeFileSync(file, secretsYaml(passwordSecrets(targets[name as TargetName])), { mode: 0o600 });
  createOutput().line(`wrote ${label} (git-ignored). Apply it: kubectl apply -f ${label}`);
  return 0;
}
