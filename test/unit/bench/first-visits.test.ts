import { describe, expect, it } from 'vitest';
import { compareFirstVisits } from '../../../scripts/lib/bench/first-visits.ts';
import type { VisitClient, VisitProtocol } from '../../../scripts/lib/bench/visit-client.ts';

/** Clients that report the ALPN answers they are given, and a clock each visit moves by its protocol's cost. */
function fakes(alpn: Record<VisitProtocol, string[]>, costMs: Record<VisitProtocol, number[]>) {
  let time = 0;
  const events: string[] = [];
  const calls = new Map<VisitProtocol, number>();
  const open = (protocol: VisitProtocol): VisitClient => {
    events.push(`open ${protocol}`);
    return { fetch: fetch, negotiated: () => alpn[protocol], close: async () => void events.push(`close ${protocol}`) };
  };
  const visit = async (protocol: VisitProtocol) => {
    const n = calls.get(protocol) ?? 0;
    calls.set(protocol, n + 1);
    time += costMs[protocol][n % costMs[protocol].length]!;
  };
  return { open, visit, now: () => time, events };
}

const protocols: VisitProtocol[] = ['http/1.1', 'https h2'];

describe('compareFirstVisits (fake clients and clock)', () => {
  it('takes turns per run on a new client each time, and summarizes each protocol', async () => {
    const f = fakes({ 'http/1.1': ['http/1.1', 'http/1.1'], 'https http/1.1': [], 'https h2': ['h2'] }, { 'http/1.1': [10, 30, 20], 'https http/1.1': [1], 'https h2': [5, 7, 6] });
    const figures = await compareFirstVisits({ protocols, runs: 3, open: f.open, visit: f.visit, now: f.now });
    const turn = ['open http/1.1', 'close http/1.1', 'open https h2', 'close https h2'];
    expect(f.events).toEqual([...turn, ...turn, ...turn]);
    expect(figures.map(({ protocol, summary, connections }) => [protocol, summary.median, summary.max, connections])).toEqual([
      ['http/1.1', 20, 30, 6],
      ['https h2', 6, 7, 3],
    ]);
  });

  it('refuses a figure labelled h2 that HAProxy served over HTTP/1.1, with the fix', async () => {
    const f = fakes({ 'http/1.1': ['http/1.1'], 'https http/1.1': [], 'https h2': ['http/1.1'] }, { 'http/1.1': [1], 'https http/1.1': [1], 'https h2': [1] });
    await expect(compareFirstVisits({ protocols, runs: 2, open: f.open, visit: f.visit, now: f.now })).rejects.toThrow(
      /the https h2 visits negotiated http\/1\.1 on 2 connection\(s\), not h2/,
    );
  });

  it('closes the client of a visit that fails', async () => {
    const f = fakes({ 'http/1.1': [], 'https http/1.1': [], 'https h2': [] }, { 'http/1.1': [1], 'https http/1.1': [1], 'https h2': [1] });
    const failing = async () => {
      throw new Error('connection refused');
    };
    await expect(compareFirstVisits({ protocols, runs: 1, open: f.open, visit: failing, now: f.now })).rejects.toThrow('connection refused');
    expect(f.events).toEqual(['open http/1.1', 'close http/1.1']);
  });
});
