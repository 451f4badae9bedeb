/**
 * The reviewed SHA-256 of every file `k8s:check` downloads from Maven Central (Maven's plugin,
 * Strimzi's API model, its CRD generator and their dependencies), as ci/images/artifacts.sha256
 * does for CI's images. Maven's --strict-checksums checks a download against the .sha1 served
 * beside it; this list checks every jar and pom in k8s:check's own local repository (cached
 * ones included) against what was reviewed, before any of it runs the generator.
 * After a version change: `npm run k8s:check -- --update-checksums`, then review the diff.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { k8sDir } from './generated-files.ts';

export const checksumsFile = join(k8sDir, 'validate', 'artifacts.sha256');

/** Relative path (with /) → SHA-256 of every .jar and .pom under the repository. */
export function hashRepository(repoDir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (entry.endsWith('.jar') || entry.endsWith('.pom')) {
        hashes[relative(repoDir, path).split('\\').join('/')] = createHash('sha256').update(readFileSync(path)).digest('hex');
      }
    }
  };
  if (existsSync(repoDir)) visit(repoDir);
  return hashes;
}

export function parseChecksums(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line.trim());
    if (match) entries[match[2]!] = match[1]!;
  }
  return entries;
}

/** What differs between the reviewed list and the repository; `required` false before Maven ran (files may be missing). */
export function checksumProblems(reviewed: Record<string, string>, actual: Record<string, string>, { required }: { required: boolean }): string[] {
  const problems: string[] = [];
  for (const [path, hash] of Object.entries(actual).sort()) {
    if (!(path in reviewed)) problems.push(`${path} is not in the reviewed list`);
    else if (reviewed[path] !== hash) problems.push(`${path} has SHA-256 ${hash}, the reviewed list says ${reviewed[path]}`);
  }
  if (required) for (const path of Object.keys(reviewed).sort()) if (!(path in actual)) problems.push(`${path} is in the reviewed list but was not downloaded`);
  return problems;
}

export function renderChecksums(actual: Record<string, string>): string {
  const header = [
    '# SHA-256 of every jar and pom `npm run k8s:check` downloads from Maven Central into its own local',
    "# repository (.cache/k8s-validate/m2): Maven's dependency plugin, io.strimzi:api, io.strimzi:crd-generator",
    '# and their dependencies. Checked on every run, cached copies included, before the generator runs.',
    '# After changing k8s/validate/pom.xml: `npm run k8s:check -- --update-checksums`, and review the diff.',
  ];
  return [...header, ...Object.keys(actual).sort().map((path) => `${actual[path]}  ${path}`)].join('\n') + '\n';
}
