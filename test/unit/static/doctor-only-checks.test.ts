/**
 * The doctor checks and reports, nothing more: `up` keeps what it learns of the stack
 * itself (up/stack-snapshot.ts) and owns the image helpers (up/local-images.ts), and
 * the doctor is told about the console by the commands instead of importing it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';

const doctorDir = join(paths.repoRoot, 'scripts', 'lib', 'doctor');
const doctorFiles = readdirSync(doctorDir).filter((name) => name.endsWith('.ts'));
const importsOf = (path: string) => [...readFileSync(path, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]!);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the doctor only checks', () => {
  it('imports nothing of the console or of up', () => {
    expect(doctorFiles.length).toBeGreaterThan(5);
    const offenders = doctorFiles.flatMap((name) => importsOf(join(doctorDir, name)).filter((source) => /\/console\/|\/up\/(?!local-images\.ts)/.test(source)).map((source) => `${name}: ${source}`));
    expect(offenders).toEqual([]);
  });

  it('is not where up or the pull plan take their images or their stack snapshot from', () => {
    const outside = sources(join(paths.repoRoot, 'scripts')).filter((path) => !path.startsWith(doctorDir));
    const offenders = outside.flatMap((path) => importsOf(path).filter((source) => /doctor\/docker-kernel\.ts$/.test(source)).map((source) => `${path}: ${source}`));
    expect(offenders).toEqual([]);
    const report = readFileSync(join(doctorDir, 'run-doctor.ts'), 'utf8');
    expect(report).not.toMatch(/StackSnapshot|serviceHashes/);
  });
});
