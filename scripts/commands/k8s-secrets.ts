/**
 * `npm run k8s:secrets -- <local|shared> [--force]`: writes .k8s-secrets/<target>.yaml
 * (git-ignored, mode 0600) with new random database passwords, to apply once with
 * `kubectl apply -f`. Refuses to overwrite: new passwords would not match a database
 * that already holds the old ones.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineCommand } from '../lib/cli/command.ts';
import { UsageError, UserError } from '../lib/errors.ts';
import { passwordSecrets, secretsYaml } from '../lib/k8s/secrets.ts';
import { targetNames, targets, type TargetName } from '../lib/k8s/targets.ts';
import { paths } from '../lib/paths.ts';
import { createOutput } from '../lib/ui/output.ts';

export const secretsDir = join(paths.repoRoot, '.k8s-secrets');

const usage = `npm run k8s:secrets -- <${targetNames.join('|')}> [--force]`;

export const command = defineCommand({
  summary: 'writes .k8s-secrets/<target>.yaml (git-ignored) with new random passwords',
  usage,
  positionals: 'target',
  options: { force: { type: 'boolean', description: 'overwrite an existing file (new passwords: only for an environment without data)' } },
  run: async ({ values, positionals }) => writeSecrets(positionals, values.force === true),
});

function writeSecrets(positionals: string[], force: boolean): void {
  const [name, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`, usage);
  if (!name || !(targetNames as string[]).includes(name)) {
    throw new UsageError(`k8s:secrets needs a target: ${targetNames.join(' or ')}`, `npm run k8s:secrets -- ${targetNames[0]}`);
  }
  const file = join(secretsDir, `${name}.yaml`);
  const label = relative(paths.repoRoot, file);
  if (existsSync(file) && !force) {
    throw new UserError(`${label} exists: new passwords would not match a database set up with the old ones`, `apply it as it is, or delete the environment's data first and rerun with -- --force`);
  }
  mkdirSync(secretsDir, { recursive: true });
  writeFileSync(file, secretsYaml(passwordSecrets(targets[name as TargetName])), { mode: 0o600 });
  createOutput().line(`wrote ${label} (git-ignored). Apply it: kubectl apply -f ${label}`);
}
