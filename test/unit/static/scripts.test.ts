import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listProjectFiles } from '../../../scripts/lib/doctor/check-line-endings.ts';
import { isLfCritical } from '../../../scripts/lib/doctor/lf-critical-files.ts';
import { realExec } from '../../../scripts/lib/exec.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { requireOrSkip, toolMissing } from './tools.ts';

const files = (await listProjectFiles(paths.repoRoot, realExec)).filter((file) => !file.startsWith('node_modules/'));
const scripts = files.filter((file) => file.endsWith('.sh') || file === '.ci/run').filter((file) => {
  try {
    readFileSync(join(paths.repoRoot, file));
    return true;
  } catch {
    return false;
  }
});

describe('shell scripts', () => {
  it('every LF-critical file in the repo has LF line endings', () => {
    const crlf = files.filter(isLfCritical).filter((file) => {
      try {
        return readFileSync(join(paths.repoRoot, file)).includes('\r\n');
      } catch {
        return false;
      }
    });
    expect(crlf).toEqual([]);
  });

  if (scripts.length === 0) it.skip('bash -n: no shell scripts in the repository yet', () => {});
  // A loop, not it.each: the test context (for ctx.skip) is only handed to plain tests.
  for (const file of scripts) {
    it(`${file} passes bash -n`, { timeout: 20_000 }, async (ctx) => {
      requireOrSkip(ctx, await toolMissing('bash', ['--version']));
      const result = await realExec('bash', ['-n', join(paths.repoRoot, file)]);
      expect(result.stderr.trim()).toBe('');
      expect(result.code).toBe(0);
    });
  }
});
