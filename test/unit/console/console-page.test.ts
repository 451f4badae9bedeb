import { utimesSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsBuild, newestMtime } from '../../../scripts/lib/console/console-page.ts';

describe("the console page's build", () => {
  it('is built when missing or older than its newest source, not otherwise', () => {
    expect(needsBuild(undefined, 1)).toBe(true);
    expect(needsBuild(100, 101)).toBe(true);
    expect(needsBuild(100, 100)).toBe(false);
  });

  it('finds the newest file anywhere under the sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-page-'));
    try {
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      writeFileSync(join(dir, 'a', 'old.ts'), '');
      writeFileSync(join(dir, 'a', 'b', 'new.tsx'), '');
      utimesSync(join(dir, 'a', 'old.ts'), 1_000, 1_000);
      utimesSync(join(dir, 'a', 'b', 'new.tsx'), 2_000_000, 2_000_000);
      for (const d of [join(dir, 'a', 'b'), join(dir, 'a'), dir]) utimesSync(d, 1_000, 1_000);
      expect(newestMtime(dir)).toBe(2_000_000_000);
      expect(newestMtime(join(dir, 'missing'))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
