/**
 * Runs first and needs no Docker: a CRLF script is the classic first-run failure.
 * The files come from lf-critical-files.ts (tracked files and `.env`; a known list
 * without git); line-endings.ts repairs them and says what it left alone.
 */
import type { Exec } from '../exec.ts';
import { fail, ok, warn, type CheckResult } from './check.ts';
import { listCandidateFiles } from './lf-critical-files.ts';
import { normalizeLineEndings, type LineEndingFs } from './line-endings.ts';

export async function listProjectFiles(root: string, exec: Exec): Promise<string[]> {
  return (await listCandidateFiles(root, exec)).files;
}

export async function lineEndingsCheck(root: string, files: string[], fs?: LineEndingFs): Promise<CheckResult> {
  const result = await normalizeLineEndings(root, files, fs);
  const details = [
    ...result.rewritten.map((file) => `${file}: CRLF → LF`),
    ...result.leftAlone.map(({ file, reason }) => `${file}: CRLF left alone: ${reason}`),
    ...result.notFollowed.map((file) => `${file}: a symbolic link, not followed (its target is not checked)`),
  ];
  const withDetails = details.length > 0 ? details : undefined;
  if (result.errors.length > 0) {
    return fail('line endings', `could not rewrite ${result.errors.length} file(s) with CRLF`, 'convert them to LF in your editor, or `git add --renormalize .`', [...result.errors, ...details]);
  }
  if (result.leftAlone.length > 0) {
    const rewrote = result.rewritten.length > 0 ? `rewrote ${result.rewritten.length} file(s) from CRLF to LF; ` : '';
    return warn(
      'line endings',
      `${rewrote}left CRLF in ${result.leftAlone.length} file(s) that cannot be rewritten safely`,
      "save them with LF line endings in your editor; a CR that is data belongs in an escape ('\\r' in SQL)",
      withDetails,
    );
  }
  if (result.rewritten.length === 0) return ok('line endings', `LF in all ${result.scanned} scripts and config files`, withDetails);
  return { name: 'line endings', status: 'fixed', summary: `rewrote ${result.rewritten.length} file(s) from CRLF to LF`, ...(withDetails ? { details: withDetails } : {}) };
}
