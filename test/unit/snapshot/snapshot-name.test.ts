import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/lib/errors.ts';
import { requireSnapshotName, snapshotNameProblem } from '../../../scripts/lib/snapshot/snapshot-name.ts';

describe('snapshot names', () => {
  it('takes plain names', () => {
    for (const name of ['before-migration', 'v1.2', 'demo_3', 'A', 'x'.repeat(64)]) expect(snapshotNameProblem(name)).toBeUndefined();
  });

  it('refuses anything that could leave .snapshots/ or name a file differently elsewhere', () => {
    for (const name of ['', '..', '.', '../etc', 'a/b', 'a\\b', '.partial-x', '-rf', 'with space', 'x'.repeat(65), 'naïve', 'CON', 'nul.txt', 'com1', 'trailing.']) {
      expect(snapshotNameProblem(name), name).toBeDefined();
    }
  });

  it('a missing or bad name is a usage error (exit 2) that says what a name may be', () => {
    expect(() => requireSnapshotName(undefined, 'usage')).toThrow(UsageError);
    const error = (() => {
      try {
        requireSnapshotName('../x', 'usage');
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe('"../x" cannot be a snapshot name: a name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  });
});
