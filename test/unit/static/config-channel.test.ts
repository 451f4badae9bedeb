/**
 * Config reaches code through one channel: the typed StackConfig, built where the
 * configuration is loaded (require-config.ts; the doctor, which hands its build to
 * `up`; teardown without .env; the Kubernetes targets) and handed down. Nothing
 * rebuilds it further in (a default parameter did, twice), and the commands and the
 * console's set-up read no raw `.env` value beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';

const BUILDERS = [
  'scripts/lib/compose/configured-compose.ts',
  'scripts/lib/config/require-config.ts',
  'scripts/lib/config/stack-config.ts',
  'scripts/lib/doctor/run-doctor.ts',
  'scripts/lib/k8s/context.ts',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The code without its comments. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const files = sources(join(paths.repoRoot, 'scripts')).map((path) => ({ file: relative(paths.repoRoot, path).split('\\').join('/'), text: code(readFileSync(path, 'utf8')) }));

describe('one config channel', () => {
  it('the typed config is built only where the configuration is loaded', () => {
    const building = files.filter(({ text }) => /\bstackConfigOf\(/.test(text)).map((f) => f.file);
    expect(building.sort()).toEqual(BUILDERS);
  });

  it('no default parameter rebuilds it', () => {
    const defaults = files.filter(({ text }) => /[=]\s*stackConfigOf\([^)]*\)\s*[,)]/.test(text)).map((f) => f.file);
    expect(defaults).toEqual([]);
  });

  it('commands and the console read the typed config, never raw .env values', () => {
    const readers = files.filter(({ file }) => file.startsWith('scripts/commands/') || file === 'scripts/lib/console/start-console.ts');
    expect(readers.length).toBeGreaterThan(10);
    const raw = readers.filter(({ text }) => /\bconfig\.values\b|\.config\.values\b|\bvalues\.[A-Z][A-Z_]+\b/.test(text)).map((f) => f.file);
    expect(raw).toEqual([]);
  });
});
