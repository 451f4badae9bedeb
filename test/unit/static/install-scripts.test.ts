/**
 * npm 11 runs a dependency's install script only with a notice ("not yet covered by
 * allowScripts") unless package.json decides it; npm 10 ignores the field and runs them
 * all, as before. Every dependency with an install script in the lockfile is decided
 * here, so `npm install` is quiet and behaves the same under both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';

const read = (file: string) => JSON.parse(readFileSync(join(paths.repoRoot, file), 'utf8')) as Record<string, unknown>;

describe('install scripts', () => {
  it('package.json allowScripts decides every dependency the lockfile marks with an install script', () => {
    const packages = read('package-lock.json').packages as Record<string, { hasInstallScript?: boolean }>;
    const withScripts = Object.entries(packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
      .sort();
    const decided = Object.keys((read('package.json').allowScripts ?? {}) as Record<string, boolean>).sort();
    expect(withScripts).toEqual(decided);
  });
});
