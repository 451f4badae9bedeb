/**
 * `npm run k8s:secrets -- <local|shared> [--force]`: writes .k8s-secrets/<target>.yaml
 * (git-ignored, mode 0600) with new random database passwords, to apply once with
 * `kubectl apply -f`. Refuses to overwrite it: new passwords would not match a database
 * that already holds the old ones. For a target whose ingress certificate comes from the
 * local CA (`local`), it also writes .k8s-secrets/<target>-tls.yaml, the TLS Secret issued
 * from .tls/ca.crt for the target's host, anew on every run: running it again renews the
 * certificate and keeps the passwords.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { writeFileAtomic } from '../lib/atomic-write.ts';
import { defineCommand } from '../lib/cli/command.ts';
import { UsageError, UserError } from '../lib/errors.ts';
import { localCaIngressTls } from '../lib/k8s/ingress-tls.ts';
import { passwordSecrets, secretsYaml } from '../lib/k8s/secrets.ts';
import { targetNames, targets, type K8sTarget, type TargetName } from '../lib/k8s/targets.ts';
import { paths } from '../lib/paths.ts';
import { isoDay } from '../lib/tls/certificate-plan.ts';
import { realIssuer } from '../lib/tls/issue-certificates.ts';
import { directoryStore } from '../lib/tls/tls-files.ts';
import { createOutput, type Output } from '../lib/ui/output.ts';

export const secretsDir = join(paths.repoRoot, '.k8s-secrets');

const usage = `npm run k8s:secrets -- <${targetNames.join('|')}> [--force]`;

export const command = defineCommand({
  summary: "writes .k8s-secrets/<target>.yaml (git-ignored) with new random passwords, and local's TLS Secret from this checkout's CA",
  usage,
  positionals: 'target',
  options: { force: { type: 'boolean', description: 'overwrite an existing file (new passwords: only for an environment without data)' } },
  run: async ({ values, positionals }) => writeSecrets(positionals, values.force === true),
});

async function writeSecrets(positionals: string[], force: boolean): Promise<void> {
  const [name, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`, usage);
  if (!name || !(targetNames as string[]).includes(name)) {
    throw new UsageError(`k8s:secrets needs a target: ${targetNames.join(' or ')}`, `npm run k8s:secrets -- ${targetNames[0]}`);
  }
  const target = targets[name as TargetName];
  const out = createOutput();
  const written = [writePasswords(target, force, out), await writeLocalCaTls(target, out)].filter((label) => label !== undefined);
  if (written.length > 0) out.line(`Apply: kubectl apply ${written.map((label) => `-f ${label}`).join(' ')}`);
}

/** The passwords file's label when written; undefined when kept (only where the run has a TLS Secret to renew). */
function writePasswords(target: K8sTarget, force: boolean, out: Output): string | undefined {
  const file = join(secretsDir, `${target.name}.yaml`);
  const label = relative(paths.repoRoot, file);
  if (existsSync(file) && !force) {
    const problem = `${label} exists: new passwords would not match a database set up with the old ones`;
    if (target.tls.source !== 'local-ca') throw new UserError(problem, 'apply it as it is, or delete the environment\'s data first and rerun with -- --force');
    out.line(`kept ${label} (new passwords would not match the database; -- --force only for an environment without data)`);
    return undefined;
  }
  mkdirSync(secretsDir, { recursive: true });
  writeFileSync(file, secretsYaml(passwordSecrets(target)), { mode: 0o600 });
  out.line(`wrote ${label} (git-ignored): the database and Elasticsearch passwords`);
  return label;
}

async function writeLocalCaTls(target: K8sTarget, out: Output): Promise<string | undefined> {
  if (target.tls.source !== 'local-ca') return undefined;
  const { secret, lines } = await localCaIngressTls(target, { store: directoryStore(paths.tlsDir), issuer: realIssuer, now: Date.now });
  for (const line of lines) out.line(line);
  const file = join(secretsDir, `${target.name}-tls.yaml`);
  const label = relative(paths.repoRoot, file);
  mkdirSync(secretsDir, { recursive: true });
  // Atomic, 0600 whatever the old file's mode: it holds the certificate's key.
  await writeFileAtomic(file, Buffer.from(secretsYaml([secret]), 'utf8'), 0o600);
  const until = isoDay(Date.parse(new X509Certificate(secret.stringData!['tls.crt']!).validTo));
  out.line(`wrote ${label} (git-ignored): ${secret.metadata!.name} for ${target.host} from this checkout's CA (.tls/ca.crt), valid until ${until}; rerun to renew`);
  return label;
}
