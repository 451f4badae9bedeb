/**
 * CRLF → LF for the files a Linux container executes or parses (lf-critical-files.ts
 * says which). A checkout made before .gitattributes, or a file saved on Windows,
 * breaks with `/bin/bash^M: bad interpreter` or `$'\r': command not found`
 * (getsentry/self-hosted#437, #942).
 *
 * It only rewrites what it can rewrite without changing meaning, and says so:
 * - a symbolic link is never followed (lstat; the read refuses links too): its target
 *   may live outside the repository;
 * - binary content (a NUL byte) and bytes that are not UTF-8 text are left alone: they
 *   are not the text files this repair is for, whatever their name (a binary `*.cfg`);
 * - SQL is only rewritten when every line break in it is CRLF. That is what a
 *   Windows checkout or editor produces, and LF restores what git stores. A file that
 *   mixes the two has a CRLF someone put there, and in SQL a CRLF inside a string
 *   literal is data (`'a<CR><LF>b'` is a different value from `'a<LF>b'`), so it is
 *   reported, not guessed at. Shell and config files have no such case: one CR breaks them;
 * - a rewrite goes through a temporary file and a rename, keeping the file's mode.
 * A CRLF it leaves alone is reported with the reason.
 */
import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { isLfCritical } from './lf-critical-files.ts';

export interface LineEndingFs {
  lstat(path: string): Promise<{ isFile(): boolean; isSymbolicLink(): boolean; mode: number }>;
  /** Reads a regular file without following a symlink (one swapped in after lstat fails the read). */
  read(path: string): Promise<Buffer>;
  writeAtomic(path: string, data: Buffer, mode: number): Promise<void>;
}

// O_NOFOLLOW does not exist on Windows; lstat has already refused links there.
const readFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

export const realLineEndingFs: LineEndingFs = {
  lstat: (path) => lstat(path),
  async read(path) {
    const handle = await open(path, readFlags);
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  },
  writeAtomic: writeFileAtomic,
};

export type LineEndingVerdict =
  | { kind: 'lf' }
  | { kind: 'rewrite'; data: Buffer }
  | { kind: 'leave'; reason: string };

const CRLF = Buffer.from('\r\n');

/** What to do with one file's bytes; pure. */
export function judgeLineEndings(file: string, data: Buffer): LineEndingVerdict {
  const crlf = count(data, CRLF);
  if (crlf === 0) return { kind: 'lf' };
  if (data.includes(0)) return { kind: 'leave', reason: 'binary content (a NUL byte), not a text file' };
  if (!isUtf8(data)) return { kind: 'leave', reason: 'not UTF-8 text (binary, or another encoding)' };
  const lineBreaks = count(data, Buffer.from('\n'));
  if (extname(file).toLowerCase() === '.sql' && crlf !== lineBreaks) {
    return { kind: 'leave', reason: `SQL with both CRLF (${crlf}) and LF (${lineBreaks - crlf}) line breaks: a CRLF inside a string literal is data` };
  }
  // latin1 maps each byte to one code unit and back: every other byte stays as it was.
  return { kind: 'rewrite', data: Buffer.from(data.toString('latin1').replaceAll('\r\n', '\n'), 'latin1') };
}

export interface NormalizeResult {
  scanned: number;
  rewritten: string[];
  leftAlone: Array<{ file: string; reason: string }>;
  /** Symbolic links among the candidates: never followed, never read. */
  notFollowed: string[];
  errors: string[];
}

/** `files` are relative to `root` (lf-critical-files.ts lists them). */
export async function normalizeLineEndings(root: string, files: string[], fs: LineEndingFs = realLineEndingFs): Promise<NormalizeResult> {
  const result: NormalizeResult = { scanned: 0, rewritten: [], leftAlone: [], notFollowed: [], errors: [] };
  for (const file of files) {
    const path = join(root, file);
    let info: Awaited<ReturnType<LineEndingFs['lstat']>>;
    try {
      info = await fs.lstat(path);
    } catch {
      continue; // listed (tracked, or the known list) but not in the work tree
    }
    if (info.isSymbolicLink()) {
      result.notFollowed.push(file);
      continue;
    }
    if (!info.isFile()) continue;
    try {
      const data = await fs.read(path);
      if (!isLfCritical(file) && !data.subarray(0, 2).equals(Buffer.from('#!'))) continue;
      result.scanned++;
      const verdict = judgeLineEndings(file, data);
      if (verdict.kind === 'leave') result.leftAlone.push({ file, reason: verdict.reason });
      if (verdict.kind !== 'rewrite') continue;
      await fs.writeAtomic(path, verdict.data, info.mode & 0o7777);
      result.rewritten.push(file);
    } catch (error) {
      result.errors.push(`${file}: ${(error as Error).message}`);
    }
  }
  return result;
}

function count(data: Buffer, needle: Buffer): number {
  let found = 0;
  for (let at = data.indexOf(needle); at !== -1; at = data.indexOf(needle, at + needle.length)) found++;
  return found;
}
