/**
 * All generated files of every target, and how they differ from what is committed
 * under k8s/. `k8s:generate` writes the first; `k8s:check` fails on the second.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { paths } from '../paths.ts';
import { k8sContext, type ReadFile } from './context.ts';
import { renderTarget } from './render-target.ts';
import { targetNames, targets } from './targets.ts';

export const k8sDir = join(paths.repoRoot, 'k8s');

/** Relative path under k8s/ → text, for every target. */
export function renderAllTargets(read?: ReadFile): Record<string, string> {
  return Object.assign({}, ...targetNames.map((name) => renderTarget(k8sContext(targets[name], read))));
}

export interface Drift {
  missing: string[];
  changed: string[];
  /** YAML files in a target folder that the generator no longer writes. */
  stale: string[];
}

export function driftFrom(expected: Record<string, string>, committed: Record<string, string>): Drift {
  return {
    missing: Object.keys(expected).filter((file) => !(file in committed)).sort(),
    changed: Object.keys(expected).filter((file) => file in committed && committed[file] !== expected[file]).sort(),
    stale: Object.keys(committed).filter((file) => !(file in expected)).sort(),
  };
}

export const hasDrift = (drift: Drift) => drift.missing.length + drift.changed.length + drift.stale.length > 0;

/** The YAML files now in the target folders (k8s/<target>/**.yaml). */
export function readCommitted(dir: string = k8sDir): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (entry.endsWith('.yaml')) files[relative(dir, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  for (const name of targetNames) visit(join(dir, name));
  return files;
}

export function writeGenerated(files: Record<string, string>, dir: string = k8sDir): Drift {
  const drift = driftFrom(files, readCommitted(dir));
  for (const file of drift.stale) rmSync(join(dir, file));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return drift;
}
