import { describe, expect, it } from 'vitest';
import { searchIndexNames } from '../../../services/lib/search-index-names.ts';
import { httpBody } from '../../../scripts/lib/status/search-facts.ts';
import { searchReport, type SearchFacts } from '../../../scripts/lib/status/search-report.ts';

const names = searchIndexNames('hotels');
const healthy: SearchFacts = {
  index: { aliases: [{ alias: 'hotels', index: 'hotels-v2', is_write_index: 'true' }], indices: ['hotels-v2'] },
  documents: 10,
  rows: 10,
  lag: { total: 0, partitions: [{ partition: 0, high: 40, committed: 40, lag: 0 }] },
  deadLetters: 0,
  indexer: { status: 'ok' },
};

describe('searchReport', () => {
  it('shows the alias, documents against rows, lag per partition and dead letters, all fine', () => {
    const report = searchReport(healthy, names);
    expect(report.problems).toEqual([]);
    expect(report.rows.map((r) => [r.what, r.value, r.level])).toEqual([
      ['search alias', 'hotels → hotels-v2', 'ok'],
      ['documents / rows', '10 / 10', 'ok'],
      ['consumer lag', '0 (p0: 0)', 'ok'],
      ['dead letters', '0', 'ok'],
      ['indexer', 'ok', 'ok'],
    ]);
  });

  it('says loudly that the index is missing, with npm run reindex as the fix', () => {
    const report = searchReport(
      { ...healthy, index: { aliases: [], indices: [] }, documents: { error: 'index_not_found_exception' }, indexer: { status: 'degraded', problem: 'the search alias hotels points at no index', fix: 'run `npm run reindex`' } },
      names,
    );
    expect(report.rows.find((r) => r.what === 'search alias')).toMatchObject({ level: 'fail', value: expect.stringContaining('MISSING') });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.fix).toContain('npm run reindex');
  });

  it('shows the dead-letter count with the last error, and documents that differ from rows with nothing left to index as a failure', () => {
    const report = searchReport({ ...healthy, documents: 8, deadLetters: 2, indexer: { status: 'ok', lastDeadLetterError: '400 mapper_parsing_exception: bad' } }, names);
    expect(report.rows.find((r) => r.what === 'dead letters')).toMatchObject({ value: '2; last: 400 mapper_parsing_exception: bad', level: 'warn' });
    expect(report.rows.find((r) => r.what === 'documents / rows')).toMatchObject({ level: 'fail', value: expect.stringContaining('npm run reindex') });
  });

  it("shows the indexer's causes when it is degraded", () => {
    const cause = 'dead letters cannot be produced to search-indexer.dlq and the partition waits: MESSAGE_TOO_LARGE';
    const report = searchReport({ ...healthy, indexer: { status: 'degraded', causes: [cause], lastError: 'older error' } }, names);
    expect(report.rows.find((r) => r.what === 'indexer')).toEqual({ what: 'indexer', value: `degraded: ${cause}`, level: 'fail' });
  });

  it('keeps reporting the rest when a part cannot be reached', () => {
    const report = searchReport({ ...healthy, lag: { error: 'no answer within 4000 ms' } }, names);
    expect(report.rows.find((r) => r.what === 'consumer lag')).toMatchObject({ value: 'not known: no answer within 4000 ms', level: 'warn' });
    expect(report.rows).toHaveLength(5);
  });
});

describe('httpBody', () => {
  it('returns the body of a raw HTTP response and refuses anything else', () => {
    expect(httpBody('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"status":"ok"}')).toBe('{"status":"ok"}');
    expect(() => httpBody('bash: connect: Connection refused')).toThrow('not an HTTP response');
  });
});

describe('searchReport: an indexer that is not running', () => {
  it('says the state its container is in and the fix, not the raw error of asking it', () => {
    const report = searchReport({ ...healthy, indexer: { error: 'not running (created, not started)', fix: 'npm run up starts it' } }, names);
    expect(report.rows.find((r) => r.what === 'indexer')).toEqual({ what: 'indexer', value: 'not running (created, not started)', level: 'fail' });
    expect(report.problems).toEqual([{ problem: 'indexer: not running (created, not started)', fix: 'npm run up starts it' }]);
  });
});
