/**
 * The orchestrator must run from PowerShell and cmd, where there is no bash: every
 * process it starts on the host goes through scripts/lib/exec.ts (no shell), Compose
 * included (compose/compose.ts builds its command line and runs it there). This keeps
 * a new module from bringing zx's `$` (needs a shell, see the README's "Why no zx"),
 * a package that spawns on its own, or a shell spawn back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';

const SPAWNER = 'scripts/lib/exec.ts';
/** The one module that talks to Compose. */
const COMPOSE_ADAPTER = 'scripts/lib/compose/compose.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.[cm]?[jt]s$/.test(entry.name) ? [path] : [];
  });
}

/** The code without its comments (which may well mention `shell: true`). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const files = sources(join(paths.repoRoot, 'scripts')).map((path) => ({
  file: relative(paths.repoRoot, path).split('\\').join('/'),
  text: code(readFileSync(path, 'utf8')),
}));

/** Names imported from zx that start processes through a shell. */
function zxSpawners(text: string): string[] {
  const found: string[] = [];
  if (/from\s+['"]zx\/globals['"]|import\s+['"]zx\/globals['"]/.test(text)) found.push('zx/globals');
  for (const match of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*['"]zx(?:\/core)?['"]/g)) {
    const names = (match[1] ?? '').split(',').map((name) => name.trim().split(/\s+as\s+/)[0]?.trim());
    found.push(...names.filter((name): name is string => name === '$' || name === 'exec' || name === 'spawn'));
  }
  if (/import\s+\*\s+as\s+\w+\s+from\s*['"]zx['"]/.test(text)) found.push('zx namespace');
  return found;
}

describe('processes start without a shell', () => {
  it('the scripts were found', () => {
    expect(files.map((f) => f.file)).toContain(SPAWNER);
  });

  it('nothing under scripts/ spawns through zx (its `$` needs bash on PATH)', () => {
    const offenders = files.flatMap(({ file, text }) => zxSpawners(text).map((name) => `${file}: ${name}`));
    expect(offenders).toEqual([]);
  });

  it(`only ${SPAWNER} uses node:child_process, and nothing asks for a shell`, () => {
    const childProcess = files.filter(({ text }) => /from\s+['"](node:)?child_process['"]/.test(text)).map((f) => f.file);
    expect(childProcess.sort()).toEqual([SPAWNER]);
    const shell = files.filter(({ text }) => /shell:\s*(true|['"])/.test(text)).map((f) => f.file);
    expect(shell).toEqual([]);
  });

  it('no package that spawns processes of its own (execa, cross-spawn, docker-compose, zx) is imported', () => {
    const spawners = /from\s+['"](execa|cross-spawn|docker-compose|zx)(\/[^'"]*)?['"]/;
    expect(files.filter(({ text }) => spawners.test(text)).map((f) => f.file)).toEqual([]);
  });

  it(`only ${COMPOSE_ADAPTER} names the Compose command`, () => {
    const talksToCompose = /\[\s*['"]compose['"]|['"]docker-compose['"]/;
    expect(files.filter(({ file, text }) => file !== COMPOSE_ADAPTER && talksToCompose.test(text)).map((f) => f.file)).toEqual([]);
  });
});
