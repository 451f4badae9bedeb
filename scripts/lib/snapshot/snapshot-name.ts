/**
 * A snapshot's name is a folder name under .snapshots/, so it is held to a narrow set:
 * letters, digits, `.`, `_` and `-`, starting with a letter or digit. That rules out
 * path separators, `..` as a whole name, a leading dot (the folder's own work files are
 * `.partial-*`), spaces, and anything a file system on macOS or Windows treats
 * differently; the names Windows reserves (CON, NUL, COM1…) are refused as well.
 */
import { UsageError } from '../errors.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export function snapshotNameProblem(name: string): string | undefined {
  if (!NAME.test(name)) return 'a name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit';
  if (WINDOWS_RESERVED.test(name)) return `"${name.split('.')[0]}" is a device name on Windows`;
  if (name.endsWith('.')) return 'Windows drops a trailing "."';
  return undefined;
}

export function requireSnapshotName(name: string | undefined, usage: string): string {
  if (name === undefined || name === '') throw new UsageError('a snapshot name is missing', usage);
  const problem = snapshotNameProblem(name);
  if (problem) throw new UsageError(`"${name}" cannot be a snapshot name: ${problem}`, `choose another name, e.g. before-migration (${usage})`);
  return name;
}
