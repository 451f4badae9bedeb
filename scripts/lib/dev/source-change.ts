/**
 * What a saved file means to `npm run dev`: code of a service, reloaded by pushing the
 * compiled file into its containers and restarting them; an input of the image build
 * that a push cannot carry (dependencies, generated gRPC code, the SQL db-setup bakes
 * in), which rebuilds the image; or nothing the services run.
 * Paths are relative to the repository root, with `/` (fs.watch gives `\` on Windows).
 */

export type SourceChange =
  | { kind: 'code'; path: string; folder: string }
  | { kind: 'rebuild'; path: string }
  | { kind: 'ignored'; path: string };

/** compose/services.Dockerfile's inputs other than services/*.ts: a change to one needs `npm run up`'s build. */
const REBUILD_FILES = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'services/tsconfig.json', 'buf.yaml', 'buf.gen.yaml', 'compose/services.Dockerfile', 'compose/reload-on-hup.sh']);
const REBUILD_FOLDERS = ['proto/', 'mysql/'];
/** Not the services' code: build output, code generated from proto/ (rebuilt with it), tests. */
const NOT_CODE = [/^services\/dist\//, /^services\/lib\/gen\//, /\/node_modules\//, /\.test\.ts$/, /\.d\.ts$/];

export function classifyChange(rawPath: string): SourceChange {
  const path = rawPath.replaceAll('\\', '/').replace(/^\.\//, '');
  if (REBUILD_FILES.has(path) || REBUILD_FOLDERS.some((folder) => path.startsWith(folder))) return { kind: 'rebuild', path };
  const code = /^services\/([^/]+)\/.+\.ts$/.exec(path);
  if (code && !NOT_CODE.some((pattern) => pattern.test(path))) return { kind: 'code', path, folder: code[1]! };
  return { kind: 'ignored', path };
}

/** Folders every service imports (the standing check: services import only these and their own). */
export const SHARED_FOLDERS = new Set(['kit', 'lib']);
