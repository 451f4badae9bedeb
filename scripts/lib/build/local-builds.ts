/**
 * The images the stack builds from this repository instead of pulling, and a
 * fingerprint of what each is built from. `up` builds one only when it is missing or
 * its fingerprint differs from the one its label records: building on every `up`
 * (Compose's `pull_policy: build`) cost every start a build, and a healthy stack
 * never noticed edited sources (issue 12).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_INPUT_VARIABLES } from '../config/stack-config.ts';
import { isExcluded, isInContext, parseDockerignore, type ContextRules } from './build-context.ts';

export interface LocalBuild {
  /** The service whose `build:` section makes the image (others run the same tag). */
  service: string;
  image: string;
  dockerfile: string;
  /** The variable compose.yaml writes into the image's SOURCE_LABEL at build time. */
  fingerprintVariable: string;
}

/** The image label that records the fingerprint of the sources an image was built from. */
export const SOURCE_LABEL = 'booking-devstack.source';

/** The local images of a Compose project: tagged with the project (stack-config.ts localImageTagOf), as compose.yaml names them. */
export function localBuildsOf(tag: string): readonly LocalBuild[] {
  return [
    { service: 'catalog-api-1', image: `booking-devstack/services:${tag}`, dockerfile: 'compose/services.Dockerfile', fingerprintVariable: 'SERVICES_SOURCE' },
    { service: 'web', image: `booking-devstack/web:${tag}`, dockerfile: 'compose/web.Dockerfile', fingerprintVariable: 'WEB_SOURCE' },
  ];
}

/** The variables the Dockerfiles' build arguments come from: a new base image is a new build. */
export { BUILD_INPUT_VARIABLES };

export interface SourceTree {
  /** Entries of a directory relative to the repository root, directories ending in `/`. */
  list(dir: string): string[];
  read(path: string): Buffer;
  isDirectory(path: string): boolean;
}

export function repositoryTree(root: string): SourceTree {
  return {
    list: (dir) => readdirSync(join(root, dir), { withFileTypes: true }).map((entry) => `${dir}${entry.name}${entry.isDirectory() ? '/' : ''}`),
    read: (path) => readFileSync(join(root, path)),
    isDirectory: (path) => statSync(join(root, path), { throwIfNoEntry: false })?.isDirectory() === true,
  };
}

/** Every file of the build context, sorted; excluded directories are not descended into. */
export function contextFiles(rules: ContextRules, tree: SourceTree): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of tree.list(dir)) {
      if (entry.endsWith('/')) {
        if (!isExcluded(entry.slice(0, -1), rules)) walk(entry);
      } else if (isInContext(entry, rules)) {
        files.push(entry);
      }
    }
  };
  for (const root of rules.include) {
    if (root.endsWith('/')) walk(root);
    else if (tree.isDirectory(root)) walk(`${root}/`);
    else files.push(root);
  }
  return [...new Set(files)].sort();
}

/** sha256 over the Dockerfile, its .dockerignore, every context file (path and bytes) and the build inputs. */
export function sourceFingerprint(build: LocalBuild, tree: SourceTree, values: Record<string, string | undefined>): string {
  const ignoreFile = `${build.dockerfile}.dockerignore`;
  const rules = parseDockerignore(tree.read(ignoreFile).toString('utf8'), ignoreFile);
  const hash = createHash('sha256');
  for (const path of [build.dockerfile, ignoreFile, ...contextFiles(rules, tree)]) {
    hash.update(`${path}\0`).update(tree.read(path)).update('\0');
  }
  for (const key of BUILD_INPUT_VARIABLES) hash.update(`${key}=${values[key] ?? ''}\0`);
  return hash.digest('hex').slice(0, 16);
}

export type BuildReason = 'missing' | 'sources changed' | 'asked (--build)';

export interface PlannedBuild {
  build: LocalBuild;
  fingerprint: string;
  reason: BuildReason;
}

/**
 * Which images to build before starting: a missing one, one whose label records other
 * sources (or none: built before fingerprints existed), or all when --build asks.
 * `labels` maps an image present locally to its SOURCE_LABEL ('' when it has none).
 */
export function planBuilds(fingerprints: Map<LocalBuild, string>, labels: Map<string, string>, force: boolean): PlannedBuild[] {
  const planned: PlannedBuild[] = [];
  for (const [build, fingerprint] of fingerprints) {
    const label = labels.get(build.image);
    const reason: BuildReason | undefined = label === undefined ? 'missing' : label !== fingerprint ? 'sources changed' : force ? 'asked (--build)' : undefined;
    if (reason) planned.push({ build, fingerprint, reason });
  }
  return planned;
}
