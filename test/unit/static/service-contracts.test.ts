/**
 * The orchestrator (scripts/) and the front end (web/) know a service only through its
 * published contract, `services/<service>/contract.ts`, and the hotel domain every part
 * shares, `services/lib/contract.ts`: a refactor inside a service then cannot break
 * `status`, `reindex`, `verify` or the page. Every import is read with TypeScript's own
 * pre-parser (`import … from`, `export … from`, `import()`, `require()`), resolved against
 * the importing file, and any other path into services/ fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot as root } from '../../../scripts/lib/paths.ts';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const NOT_SOURCES = new Set(['node_modules', 'dist', '.cache']);

/**
 * What scripts/ and web/ may import from services/, as paths from the repository root. The
 * orchestrator may also use a node-contract.ts: what needs Node or a native package, kept out
 * of contract.ts so the page never bundles it.
 */
const PUBLISHED: Record<string, RegExp> = {
  scripts: /^services\/(?:[a-z0-9-]+|lib)\/(?:node-)?contract\.ts$/,
  web: /^services\/(?:[a-z0-9-]+|lib)\/contract\.ts$/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (NOT_SOURCES.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a source names, static or dynamic. */
function importedSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/** The imports of `file` (a path from the root) that reach into services/ other than through a published module. */
function forbiddenImports(file: string, source: string, published = PUBLISHED.web!): string[] {
  return importedSpecifiers(source)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(root, resolve(dirname(join(root, file)), specifier)).split(sep).join('/'))
    .filter((target) => target.startsWith('services/') && !published.test(target))
    .map((target) => `${file} imports ${target}`);
}

describe('imports into services/', () => {
  it('read every form of import', () => {
    const source = [
      "import { a } from '../../services/x/a.ts';",
      "import type { B } from '../../services/x/b.ts';",
      "import '../../services/x/c.ts';",
      "export { d } from '../../services/x/d.ts';",
      "export * from '../../services/x/e.ts';",
      "const f = await import('../../services/x/f.ts');",
      "const g = require('../../services/x/g.ts');",
      "import { h } from '../../services/x/contract.ts';",
      "import { i } from '../../services/lib/contract.ts';",
      "import { k } from '../../services/lib/node-contract.ts';",
      "import { j } from './services/x/j.ts';",
    ].join('\n');
    expect(forbiddenImports('scripts/lib/file.ts', source, PUBLISHED.scripts)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => `scripts/lib/file.ts imports services/x/${name}.ts`),
    );
    // The page may not reach a node-contract.ts: it would bundle what needs Node.
    expect(forbiddenImports('web/src/file.ts', source)).toContain('web/src/file.ts imports services/lib/node-contract.ts');
  });

  it.each(['scripts', 'web'])('from %s/ go through a service contract or the shared hotel domain only', (dir) => {
    const files = sourceFiles(join(root, dir)).map((path) => relative(root, path).split(sep).join('/'));
    expect(files.length).toBeGreaterThan(10);
    const forbidden = files.flatMap((file) => forbiddenImports(file, readFileSync(join(root, file), 'utf8'), PUBLISHED[dir]));
    expect(forbidden, 'import what scripts/ or web/ needs from services/<service>/contract.ts (add it there) or services/lib/contract.ts').toEqual([]);
  });
});
