/**
 * Compiles the saved service files, one file at a time, to the layout the services
 * image runs (services/<folder>/<name>.ts → services/dist/<folder>/<name>.js, see
 * compose/services.Dockerfile and services/tsconfig.json). TypeScript's own
 * transpileModule with the options of services/tsconfig.json that shape the output
 * (ES2022, ES modules, `.ts` imports rewritten to `.js`): the same JavaScript the image's
 * `tsc -p services/tsconfig.json` writes, without its type check, so one file takes
 * milliseconds instead of the whole program's seconds (`npm run typecheck` still checks).
 * isolatedModules in tsconfig.json guarantees each file compiles alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { UserError } from '../errors.ts';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  // package.json's "type": "module": the image runs dist/*.js as ES modules.
  module: ts.ModuleKind.ESNext,
  rewriteRelativeImportExtensions: true,
  isolatedModules: true,
  esModuleInterop: true,
};

export interface CompiledFiles {
  /** A folder laid out as the image's services/dist/: copy its contents there. */
  dir: string;
  /** Paths under it, e.g. catalog-api/handlers.js. */
  files: string[];
}

/**
 * `sources` are repository-relative paths under services/. A file with a syntax error
 * stops the push with its place and message: the containers keep the last good code.
 */
export function compileSources(repoRoot: string, sources: string[], stageRoot = tmpdir()): CompiledFiles {
  const dir = mkdtempSync(join(stageRoot, 'booking-dev-'));
  const files: string[] = [];
  for (const source of sources) {
    const fileName = join(repoRoot, source);
    const output = ts.transpileModule(readFileSync(fileName, 'utf8'), { fileName, compilerOptions: OPTIONS, reportDiagnostics: true });
    const [diagnostic] = output.diagnostics ?? [];
    if (diagnostic) throw new UserError(`${source} does not compile: ${describe(diagnostic)}`, 'fix the file and save it again; the services keep running the code they had');
    const target = relative(join(repoRoot, 'services'), fileName).replace(/\.ts$/, '.js');
    mkdirSync(dirname(join(dir, target)), { recursive: true });
    writeFileSync(join(dir, target), output.outputText);
    files.push(target.replaceAll('\\', '/'));
  }
  return { dir, files };
}

function describe(diagnostic: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return text;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `line ${line + 1}, column ${character + 1}: ${text}`;
}
