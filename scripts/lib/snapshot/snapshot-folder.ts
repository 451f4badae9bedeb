/**
 * The snapshots on disk: one folder per name under .snapshots/ (git-ignored, outside every
 * Compose volume, so `npm run reset` keeps them), each with one archive per data volume and
 * manifest.json. A save fills `.partial-<name>` and renames it to `<name>` once the manifest
 * is written: an interrupted save never leaves a folder that looks like a snapshot, and a
 * `--force` save replaces the old one only once the new one is whole.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { UserError } from '../errors.ts';
import { parseManifest, type SnapshotManifest } from './snapshot-manifest.ts';

export const MANIFEST_FILE = 'manifest.json';
const PARTIAL_PREFIX = '.partial-';

export interface ListedSnapshot {
  name: string;
  manifest?: SnapshotManifest;
  /** Why the folder is not a usable snapshot (no or a broken manifest). */
  problem?: string;
}

export function createSnapshotFolder(root: string) {
  const folderOf = (name: string) => join(root, name);
  const partialOf = (name: string) => join(root, `${PARTIAL_PREFIX}${name}`);
  const exists = (path: string) => stat(path).then(() => true, () => false);

  async function list(): Promise<ListedSnapshot[]> {
    const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const names = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
    return Promise.all(
      names.map(async (name): Promise<ListedSnapshot> => {
        try {
          return { name, manifest: await readManifest(name) };
        } catch (error) {
          return { name, problem: (error as Error).message };
        }
      }),
    );
  }

  async function readManifest(name: string): Promise<SnapshotManifest> {
    const path = join(folderOf(name), MANIFEST_FILE);
    return parseManifest(await readFile(path, 'utf8'), path);
  }

  /** The snapshot's manifest; a missing one is an error that lists the names there are. */
  async function read(name: string): Promise<SnapshotManifest> {
    if (!(await exists(folderOf(name)))) {
      const names = (await list()).map((snapshot) => snapshot.name);
      throw new UserError(
        `there is no snapshot "${name}" in ${root}${names.length > 0 ? `; there are: ${names.join(', ')}` : ' (none saved yet)'}`,
        names.length > 0 ? 'npm run snapshot -- list shows them with their dates and sizes' : 'npm run snapshot -- save <name> saves the stack as it is',
      );
    }
    return readManifest(name);
  }

  return {
    root,
    folderOf,
    list,
    read,
    /** An empty folder to save `name` into; refused when the name is taken, unless `force`. */
    async startSave(name: string, force: boolean): Promise<string> {
      if (!force && (await exists(folderOf(name)))) {
        throw new UserError(`a snapshot "${name}" exists already`, `choose another name, or replace it: npm run snapshot -- save ${name} --force`);
      }
      const partial = partialOf(name);
      await rm(partial, { recursive: true, force: true });
      await mkdir(partial, { recursive: true });
      return partial;
    },
    /** Each archive's size, as the folder holds it. */
    async archiveBytes(folder: string, archive: string): Promise<number> {
      return (await stat(join(folder, archive))).size;
    },
    /** The manifest goes in last; then the folder takes the name (replacing an older one under `--force`). */
    async finishSave(partial: string, manifest: SnapshotManifest): Promise<void> {
      await writeFileAtomic(join(partial, MANIFEST_FILE), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 0o644);
      const target = folderOf(manifest.name);
      await rm(target, { recursive: true, force: true });
      await rename(partial, target);
    },
    async abandonSave(partial: string): Promise<void> {
      await rm(partial, { recursive: true, force: true });
    },
    async remove(name: string): Promise<void> {
      await read(name).catch(async (error: unknown) => {
        // A folder with a broken manifest is still removable; a missing one is the error.
        if (!(await exists(folderOf(name)))) throw error;
      });
      await rm(folderOf(name), { recursive: true, force: true });
    },
  };
}

export type SnapshotFolder = ReturnType<typeof createSnapshotFolder>;
