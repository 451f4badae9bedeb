import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSources } from '../../../scripts/lib/dev/compile-sources.ts';
import { UserError } from '../../../scripts/lib/errors.ts';

const root = mkdtempSync(join(tmpdir(), 'compile-sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function source(path: string, text: string): string {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
  return path;
}

describe('compileSources', () => {
  it("writes each file as the image's build lays it out, ES modules with .ts imports made .js", () => {
    const files = [
      source('services/catalog-api/handlers.ts', "import { cors } from '../kit/cors.ts';\nimport type { X } from './x.ts';\nexport const f = (x: X): string => cors(x as never);\n"),
      source('services/kit/cors.ts', 'export function cors(value: unknown): string { return String(value); }\n'),
    ];
    const compiled = compileSources(root, files, root);
    expect(compiled.files).toEqual(['catalog-api/handlers.js', 'kit/cors.js']);
    const handlers = readFileSync(join(compiled.dir, 'catalog-api/handlers.js'), 'utf8');
    expect(handlers).toContain('from "../kit/cors.js"');
    expect(handlers).not.toContain('./x');
    expect(handlers).toContain('export const f = (x) => cors(x);');
  });

  it('names the file, line and error of code that does not parse', () => {
    const file = source('services/booking/app.ts', 'export const a = 1;\nexport const b = ;\n');
    const error = (() => {
      try {
        compileSources(root, [file], root);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^services\/booking\/app\.ts does not compile: line 2, column 18: Expression expected/);
  });
});
