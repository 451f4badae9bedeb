/**
 * The Linux watch on the real file system (inotify): what an editor's save does to a file,
 * twice, must be seen twice.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryTreeWatch, type Watching } from '../../../scripts/lib/dev/watch-sources.ts';
import { makeTempDir } from '../helpers/temp-tree.ts';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let watching: Watching | undefined;
const seen: string[] = [];

beforeEach(async () => {
  dir = await makeTempDir('watch-');
  mkdirSync(join(dir.path, 'catalog-api'));
  mkdirSync(join(dir.path, 'node_modules'));
  writeFileSync(join(dir.path, 'catalog-api', 'app.ts'), 'export const a = 1;\n');
  seen.length = 0;
});
afterEach(async () => {
  watching?.close();
  await dir.remove();
});

/** Waits (up to 2 s) until `path` has been reported; returns what was seen and forgets it. */
async function reported(path: string): Promise<string[]> {
  const until = Date.now() + 2_000;
  while (!seen.includes(path)) {
    if (Date.now() > until) throw new Error(`${path} was not reported; seen: ${seen.join(', ') || 'nothing'}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return seen.splice(0);
}

/** An editor's atomic save: a temporary file renamed over the old one. */
function saveByRename(file: string, text: string): void {
  writeFileSync(`${file}.tmp~`, text);
  renameSync(`${file}.tmp~`, file);
}

describe.runIf(process.platform === 'linux')('directoryTreeWatch (Linux)', () => {
  it('sees every save of a file saved by renaming over it, and every save written in place', async () => {
    watching = directoryTreeWatch(dir.path, true, (path) => seen.push(path));
    const file = join(dir.path, 'catalog-api', 'app.ts');
    for (let i = 2; i <= 4; i += 1) {
      saveByRename(file, `export const a = ${i};\n`);
      await reported('catalog-api/app.ts');
    }
    writeFileSync(file, 'export const a = 5;\n');
    await reported('catalog-api/app.ts');
  });

  it('watches a folder that appears, and reports the files already in it', async () => {
    watching = directoryTreeWatch(dir.path, true, (path) => seen.push(path));
    mkdirSync(join(dir.path, 'payment'));
    writeFileSync(join(dir.path, 'payment', 'main.ts'), 'export {};\n');
    await reported('payment/main.ts');
    saveByRename(join(dir.path, 'payment', 'main.ts'), 'export const b = 1;\n');
    await reported('payment/main.ts');
  });

  it('does not go into node_modules, nor below the folder when not recursive', async () => {
    watching = directoryTreeWatch(dir.path, false, (path) => seen.push(path));
    writeFileSync(join(dir.path, 'node_modules', 'x.js'), '');
    writeFileSync(join(dir.path, 'catalog-api', 'app.ts'), 'export const a = 6;\n');
    writeFileSync(join(dir.path, 'package.json'), '{}\n');
    // Written last: by the time it is reported, the two before it would have been.
    expect(new Set(await reported('package.json'))).toEqual(new Set(['package.json']));
  });
});
