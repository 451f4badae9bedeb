import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../scripts/lib/verify/compare-streams.ts';
import { driftError, formatReport, reportJson, type VerifyReport } from '../../../scripts/lib/verify/verify-report.ts';
import { formatUserError } from '../../../scripts/lib/errors.ts';

function report(drift: Partial<Comparison['drift']> = {}, extra: Partial<Comparison> = {}): VerifyReport {
  const none = { count: 0, ids: [] };
  return {
    index: 'hotels',
    indexExists: true,
    database: 'booking',
    seconds: 1.2346,
    comparison: { rows: 12, documents: 11, drift: { missing: none, extra: none, differing: none, unindexable: none, ...drift }, differingFields: {}, problems: {}, ...extra },
  };
}

describe('formatReport', () => {
  it('says the two agree when nothing drifted', () => {
    const text = formatReport(report(), 10);
    expect(text).toMatch(/rows in database booking\.hotels\s+12/);
    expect(text).toMatch(/documents in hotels\s+11/);
    expect(text).toMatch(/✔ search matches the database \(1\.2 s\)$/);
  });

  it('lists the first ids of each kind, what differs, how many more, and the fix', () => {
    const text = formatReport(
      report({ missing: { count: 3, ids: [4, 7] }, differing: { count: 1, ids: [9] } }, { differingFields: { 9: ['name', 'version'] } }),
      2,
    );
    expect(text).toMatch(/rows missing from search\s+3\s+4, 7, … \(1 more\)/);
    expect(text).toMatch(/documents that differ from their row\s+1\s+9 \(name version\)/);
    expect(text).toMatch(/ids \(first 2\)/);
    // The conclusion is the command's error, printed once under the table (it was printed twice).
    expect(text).not.toMatch(/drift|differ \(listed/);
    const error = driftError(report({ missing: { count: 3, ids: [4, 7] } }))!;
    expect(formatUserError(error)).toBe('\n✖ search has drifted from the database (1.2 s; listed above)\n  fix: npm run reindex rebuilds the index from the database');
    expect(driftError(report())).toBeUndefined();
  });

  it('says when the index does not exist', () => {
    expect(formatReport({ ...report(), indexExists: false }, 10)).toMatch(/documents in hotels \(does not exist\)\s+11/);
  });
});

describe('reportJson', () => {
  it('has clean, the counts, and each kind with its count and ids', () => {
    const json = reportJson(report({ extra: { count: 1, ids: [99] } }));
    expect(json).toEqual({
      clean: false, index: 'hotels', indexExists: true, database: 'booking', rows: 12, documents: 11,
      missing: { count: 0, ids: [] }, extra: { count: 1, ids: [99] }, differing: { count: 0, ids: [] }, unindexable: { count: 0, ids: [] },
      differingFields: {}, problems: {}, seconds: 1.235,
    });
  });
});
