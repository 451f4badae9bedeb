import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../web/src/lib/hotel.ts';
import { watchUntilDropped, watchUntilSearchable } from '../../../web/src/lib/searchable-watch.ts';

const hotel = (id: number) => ({ id, name: 'Harbour', city: 'Porto', stars: 3, description: null, version: 1, created_at: null, updated_at: null });

/** A clock the loop's sleeps advance: no real waiting. */
function fakeTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe('watchUntilSearchable', () => {
  it('reports the seconds until a hit carries the new id (another hotel of that name does not count)', async () => {
    const time = fakeTime();
    const answers: SearchResult[] = [{ total: 0, hits: [] }, { total: 1, hits: [hotel(3)] }, { total: 2, hits: [hotel(3), hotel(9)] }];
    const queries: string[] = [];
    const outcome = await watchUntilSearchable({
      search: async (q) => (queries.push(q), answers.shift()!),
      id: 9,
      name: 'Harbour',
      intervalMs: 250,
      ...time,
    });
    expect(outcome).toEqual({ kind: 'confirmed', seconds: 0.5 });
    expect(queries).toEqual(['Harbour', 'Harbour', 'Harbour']);
  });

  it('keeps polling through errors and gives up at the timeout with the last error', async () => {
    const time = fakeTime();
    const outcome = await watchUntilSearchable({
      search: async () => {
        throw new Error('The booking API is not running');
      },
      id: 1,
      name: 'x',
      intervalMs: 1000,
      timeoutMs: 3000,
      ...time,
    });
    expect(outcome).toEqual({ kind: 'timeout', seconds: 3, lastError: 'The booking API is not running' });
  });

  it('stops when the page leaves', async () => {
    const controller = new AbortController();
    const time = fakeTime();
    let calls = 0;
    const outcome = await watchUntilSearchable({
      search: async () => {
        calls++;
        controller.abort();
        return { total: 0, hits: [] };
      },
      id: 1,
      name: 'x',
      signal: controller.signal,
      ...time,
    });
    expect(outcome).toEqual({ kind: 'aborted' });
    expect(calls).toBe(1);
  });
});

describe('watchUntilDropped (after a delete)', () => {
  it('waits until no hit carries the deleted id, however many other hotels share its name', async () => {
    const time = fakeTime();
    const answers: SearchResult[] = [
      { total: 2, hits: [hotel(3), hotel(9)] },
      { total: 2, hits: [hotel(9), hotel(3)] },
      { total: 1, hits: [hotel(3)] },
    ];
    const outcome = await watchUntilDropped({ search: async () => answers.shift()!, id: 9, name: 'Harbour', intervalMs: 250, ...time });
    expect(outcome).toEqual({ kind: 'confirmed', seconds: 0.5 });
    expect(answers).toEqual([]);
  });

  it('never takes a failed search for a dropped hotel', async () => {
    const time = fakeTime();
    const answers: Array<() => SearchResult> = [
      () => {
        throw new Error('The booking API is not running');
      },
      () => ({ total: 1, hits: [hotel(9)] }),
      () => ({ total: 0, hits: [] }),
    ];
    const outcome = await watchUntilDropped({ search: async () => answers.shift()!(), id: 9, name: 'Harbour', intervalMs: 100, ...time });
    expect(outcome).toEqual({ kind: 'confirmed', seconds: 0.2 });
  });

  it('gives up at the timeout while search still finds it', async () => {
    const time = fakeTime();
    const outcome = await watchUntilDropped({ search: async () => ({ total: 1, hits: [hotel(9)] }), id: 9, name: 'Harbour', intervalMs: 1000, timeoutMs: 2000, ...time });
    expect(outcome).toEqual({ kind: 'timeout', seconds: 2, lastError: undefined });
  });
});
