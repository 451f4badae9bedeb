/**
 * A temporary directory on the real file system, filled from an in-memory tree,
 * optionally made a git repository with some of its files tracked (`git add`: the
 * index is all `git ls-files` reads, no commit needed).
 */
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { realExec } from '../../../scripts/lib/exec.ts';

export type TreeEntry = string | Buffer | { data: string | Buffer; mode: number } | { linkTo: string };

export async function makeTempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function writeTree(root: string, tree: Record<string, TreeEntry>): Promise<void> {
  for (const [file, entry] of Object.entries(tree)) {
    const path = join(root, file);
    await mkdir(dirname(path), { recursive: true });
    if (typeof entry === 'object' && 'linkTo' in entry) {
      await symlink(entry.linkTo, path);
    } else if (typeof entry === 'object' && 'mode' in entry) {
      await writeFile(path, entry.data);
      await chmod(path, entry.mode);
    } else {
      await writeFile(path, entry);
    }
  }
}

/** `git init` in `root`, then `git add` of `tracked`; throws with git's output on failure. */
export async function gitTrack(root: string, tracked: string[]): Promise<void> {
  for (const args of [['init', '-q'], ['add', '--', ...tracked]]) {
    const result = await realExec('git', ['-C', root, ...args]);
    if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  }
}
