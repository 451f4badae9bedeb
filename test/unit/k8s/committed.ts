/** The committed manifests of k8s/<target>/, parsed, for tests that compare them with the compose stack. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { paths } from '../../../scripts/lib/paths.ts';
import { targetNames } from '../../../scripts/lib/k8s/targets.ts';

export interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const committedTargets = targetNames;

export function committedFile(target: string, file: string): string {
  return readFileSync(join(paths.repoRoot, 'k8s', target, file), 'utf8');
}

export function committedDocs(target: string, file: string): Doc[] {
  return parseAllDocuments(committedFile(target, file)).map((doc) => doc.toJS() as Doc);
}

export function committedDoc(target: string, file: string, kind: string, name?: string): Doc {
  const found = committedDocs(target, file).find((doc) => doc.kind === kind && (name === undefined || doc.metadata.name === name));
  if (!found) throw new Error(`k8s/${target}/${file} has no ${kind}${name ? `/${name}` : ''}`);
  return found;
}

export function repoFile(...parts: string[]): string {
  return readFileSync(join(paths.repoRoot, ...parts), 'utf8');
}

/** compose/versions.env as KEY → value, read with a plain regex (independent of the generator's reader). */
export function pinnedVersions(): Record<string, string> {
  return Object.fromEntries([...repoFile('compose', 'versions.env').matchAll(/^([A-Z0-9_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/**
 * Every string field named one of `keys` in every committed manifest (all targets,
 * Helm values included), with the file it is in: for checks that span all of k8s/.
 */
export function committedFields(keys: string[]): { file: string; key: string; value: unknown }[] {
  const found: { file: string; key: string; value: unknown }[] = [];
  const visit = (node: unknown, file: string): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, file));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (keys.includes(key)) found.push({ file, key, value });
      else visit(value, file);
    }
  };
  const root = join(paths.repoRoot, 'k8s');
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.yaml'))) {
    const file = relative(paths.repoRoot, join(entry.parentPath, entry.name));
    for (const doc of parseAllDocuments(readFileSync(join(paths.repoRoot, file), 'utf8'))) visit(doc.toJS(), file);
  }
  return found;
}
