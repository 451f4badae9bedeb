/**
 * CRLF → LF for everything a Linux container executes or parses. A checkout made
 * before .gitattributes, or a file saved on Windows, breaks with
 * `/bin/bash^M: bad interpreter` or `$'\r': command not found`
 * (getsentry/self-hosted#437, #942). Rewrites in place and reports each file;
 * binary files (a NUL byte in the first 8 KiB, git's own heuristic) are never touched.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, extname, join, sep } from 'node:path';

const EXTENSIONS = new Set(['.sh', '.bash', '.cfg', '.cnf', '.sql', '.env', '.properties']);

/** Decided from the path alone; extensionless files are also checked for a shebang. */
export function isLfCritical(path: string): boolean {
  const file = path.split(sep).join('/');
  const name = basename(file);
  if (EXTENSIONS.has(extname(name))) return true;
  if (name === '.env' || name === '.env.example') return true;
  if (file === '.ci/run') return true;
  if (file.startsWith('kafka/') && name.endsWith('.json')) return true;
  if (name === 'Dockerfile' || name.startsWith('Dockerfile.') || /\.dockerfile$/i.test(name)) return true;
  if (/^(docker-)?compose[\w.-]*\.ya?ml$/.test(name) || (file.startsWith('compose/') && /\.ya?ml$/.test(name))) return true;
  return false;
}

export interface LineEndingFs {
  read(path: string): Promise<Buffer>;
  write(path: string, data: Buffer): Promise<void>;
}

export const realLineEndingFs: LineEndingFs = {
  read: (path) => readFile(path),
  write: (path, data) => writeFile(path, data),
};

export function isBinary(data: Buffer): boolean {
  return data.subarray(0, 8000).includes(0);
}

export interface NormalizeResult {
  scanned: number;
  rewritten: string[];
  errors: string[];
}

export async function normalizeLineEndings(root: string, files: string[], fs: LineEndingFs = realLineEndingFs): Promise<NormalizeResult> {
  const result: NormalizeResult = { scanned: 0, rewritten: [], errors: [] };
  for (const file of files) {
    const candidate = isLfCritical(file);
    if (!candidate && extname(file) !== '') continue;
    let data: Buffer;
    try {
      data = await fs.read(join(root, file));
    } catch {
      continue; // listed by git but deleted in the work tree
    }
    if (isBinary(data)) continue;
    if (!candidate && !data.subarray(0, 2).equals(Buffer.from('#!'))) continue;
    result.scanned++;
    if (!data.includes('\r\n')) continue;
    try {
      await fs.write(join(root, file), Buffer.from(data.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'));
      result.rewritten.push(file);
    } catch (error) {
      result.errors.push(`${file}: ${(error as Error).message}`);
    }
  }
  return result;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', 'dist', '.cache']);

/** Fallback when git is unavailable (a downloaded zip): walk the tree. */
export async function walkFiles(root: string, dir = ''): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) files.push(...(await walkFiles(root, path)));
    } else if (entry.isFile()) {
      files.push(path);
    }
  }
  return files;
}
