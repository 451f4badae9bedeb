import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { e2eFileName, orderE2eFiles, RUN_AFTER_THE_SHARED_STACK } from '../../e2e/support/file-order.ts';
import { paths } from '../../../scripts/lib/paths.ts';

const e2eFolder = join(paths.repoRoot, 'test', 'e2e');
const e2eFiles = readdirSync(e2eFolder).filter((name) => name.endsWith('.e2e.test.ts'));

describe('the order of the end-to-end files', () => {
  test('borrowers first by name, then the listed files in the list order', () => {
    const paths = ['/r/test/e2e/stack.e2e.test.ts', '/r/test/e2e/web.e2e.test.ts', '/r/test/e2e/local-builds.e2e.test.ts', '/r/test/e2e/adapters.e2e.test.ts', '/r/test/e2e/interrupt.e2e.test.ts'];
    expect(orderE2eFiles(paths, (p) => p).map(e2eFileName)).toEqual(['adapters', 'web', 'local-builds', 'interrupt', 'stack']);
  });

  test('leaves its input alone', () => {
    const input = ['b.e2e.test.ts', 'a.e2e.test.ts'];
    orderE2eFiles(input, (p) => p);
    expect(input).toEqual(['b.e2e.test.ts', 'a.e2e.test.ts']);
  });

  test('names a file by its base name, on either separator', () => {
    expect(e2eFileName('C:\\repo\\test\\e2e\\web.e2e.test.ts')).toBe('web');
    expect(e2eFileName('/repo/test/e2e/web.e2e.test.ts')).toBe('web');
  });

  // A file that does not borrow starts, stops or wipes the stack itself: in the middle of
  // the borrowers it would make the next one start cold, so it must be in the list.
  test('every file that does not borrow the stack is in the run-last list, and every listed file exists', () => {
    const late: readonly string[] = RUN_AFTER_THE_SHARED_STACK;
    const nonBorrowers = e2eFiles.filter((name) => !readFileSync(join(e2eFolder, name), 'utf8').includes('borrowStack()')).map(e2eFileName);
    expect(nonBorrowers.filter((name) => !late.includes(name))).toEqual([]);
    expect(late.filter((name) => !e2eFiles.map(e2eFileName).includes(name))).toEqual([]);
  });
});
