import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../scripts/lib/atomic-write.ts';
import { makeTempDir, writeTree } from './helpers/temp-tree.ts';

let root: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ path: root, remove } = await makeTempDir('atomic-')));
afterEach(() => remove());

describe('writeFileAtomic', () => {
  it('replaces the content with the given mode and leaves only the file', async () => {
    await writeTree(root, { 'a.sh': { data: 'old', mode: 0o644 } });
    await writeFileAtomic(join(root, 'a.sh'), Buffer.from('new'), 0o750);
    expect(await readFile(join(root, 'a.sh'), 'utf8')).toBe('new');
    expect((await stat(join(root, 'a.sh'))).mode & 0o7777).toBe(0o750);
    expect(await readdir(root)).toEqual(['a.sh']);
  });

  it('on failure removes its temporary file and leaves the target alone', async () => {
    // A directory cannot be replaced by a file: the final rename fails.
    await mkdir(join(root, 'target'));
    await writeTree(root, { 'target/keep': 'x' });
    await expect(writeFileAtomic(join(root, 'target'), Buffer.from('new'), 0o644)).rejects.toThrow();
    expect(await readdir(root)).toEqual(['target']);
    expect(await readdir(join(root, 'target'))).toEqual(['keep']);
  });
});
