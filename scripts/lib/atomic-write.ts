/**
 * Replaces a file's content all at once: the new bytes go to a temporary file in the
 * same folder (so the rename stays on one file system), which is then renamed over
 * the target. A crash or a full disk leaves the old file whole, never half written,
 * and a reader sees either the old or the new content. rename() replaces a symlink
 * itself rather than writing through it; the temporary file is created exclusively
 * (O_EXCL), so a link planted under its name is refused, not followed.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** `mode`: the permission bits the file keeps (the process umask would trim them on create). */
export async function writeFileAtomic(path: string, data: Buffer, mode: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', mode);
    await handle.writeFile(data);
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
}
