import { describe, expect, it } from 'vitest';
import { createReindexJob, type ReindexRun } from '../../../scripts/lib/console/reindex-job.ts';
import type { ReindexResult } from '../../../scripts/lib/reindex/run-reindex.ts';

const result: ReindexResult = { target: 'hotels-v2', replaced: ['hotels-v1'], leftovers: [], resumed: false, backfill: { rows: 3, written: 3, newerInIndex: 0 }, documents: 3 };

/** A reindex the test finishes by hand: `finish` or `fail` ends the run it started. */
function fakeReindex() {
  const runs: ReindexRun[] = [];
  let end: { finish: () => void; fail: (error: Error) => void } | undefined;
  const run = (hooks: ReindexRun) => {
    runs.push(hooks);
    return new Promise<ReindexResult>((resolve, reject) => {
      end = { finish: () => resolve(result), fail: reject };
    });
  };
  return { run, runs, end: () => end! };
}

describe('the console reindex job', () => {
  it('runs one reindex at a time: a second start while one runs is refused and names the run under way', async () => {
    const fake = fakeReindex();
    const job = createReindexJob(fake.run, () => Date.parse('2026-11-27T10:00:00Z'));
    expect(job.start().started).toBe(true);
    fake.runs[0]!.report('filling hotels-v2 from the database');
    const second = job.start();
    expect(second.started).toBe(false);
    expect(second.started === false && second.reason).toBe('a reindex is already running (started 2026-11-27T10:00:00.000Z, now filling hotels-v2 from the database): wait for it to finish; the search panel shows its progress');
    expect(fake.runs).toHaveLength(1);

    fake.end().finish();
    await job.settled();
    expect(job.start().started).toBe(true);
    expect(fake.runs).toHaveLength(2);
  });

  it('keeps the steps and progress for the page, then the result', async () => {
    const fake = fakeReindex();
    const job = createReindexJob(fake.run);
    job.start();
    fake.runs[0]!.report('creating hotels-v2 with the mapping');
    fake.runs[0]!.onPage({ rows: 2, written: 1, newerInIndex: 1 });
    expect(job.state()).toMatchObject({ running: true, steps: ['creating hotels-v2 with the mapping'], progress: { rows: 2, written: 1, newerInIndex: 1 }, result: null });
    fake.end().finish();
    await job.settled();
    expect(job.state()).toMatchObject({ running: false, result, error: null });
    expect(job.state().finishedAt).not.toBeNull();
  });

  it('a failed run frees the job and says why', async () => {
    const fake = fakeReindex();
    const job = createReindexJob(fake.run);
    job.start();
    fake.end().fail(new Error('connect ECONNREFUSED 127.0.0.1:9200'));
    await job.settled();
    expect(job.state()).toMatchObject({ running: false, result: null, error: 'connect ECONNREFUSED 127.0.0.1:9200' });
    expect(job.start().started).toBe(true);
  });
});
