/**
 * Runs first and needs no Docker: a CRLF script is the classic first-run failure.
 * Files come from git (tracked and untracked-but-not-ignored), plus the root .env
 * (git-ignored, yet Compose parses it); without git, from a walk of the tree.
 */
import type { Exec } from '../exec.ts';
import { fail, ok, type CheckResult } from './check.ts';
import { normalizeLineEndings, walkFiles, type LineEndingFs } from './line-endings.ts';

export async function listProjectFiles(root: string, exec: Exec): Promise<string[]> {
  const git = await exec('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  const files = git.code === 0 ? git.stdout.split('\0').filter(Boolean) : await walkFiles(root);
  return [...new Set([...files, '.env'])];
}

export async function lineEndingsCheck(root: string, files: string[], fs?: LineEndingFs): Promise<CheckResult> {
  const result = await normalizeLineEndings(root, files, fs);
  if (result.errors.length > 0) {
    return fail('line endings', `could not rewrite ${result.errors.length} file(s) with CRLF`, 'convert them to LF in your editor, or `git add --renormalize .`', result.errors);
  }
  if (result.rewritten.length === 0) return ok('line endings', `LF in all ${result.scanned} scripts and config files`);
  return {
    name: 'line endings',
    status: 'fixed',
    summary: `rewrote ${result.rewritten.length} file(s) from CRLF to LF`,
    details: result.rewritten.map((file) => `${file}: CRLF → LF`),
  };
}
