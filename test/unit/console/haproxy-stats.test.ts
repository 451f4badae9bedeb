import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHaproxyCsv } from '../../../scripts/lib/console/haproxy-stats.ts';

// Captured from HAProxy 3.0 (CI's image) with `curl -u … http://127.0.0.1:<STATS_PORT>/;csv`;
// catalog-api-2's line was edited into what a refused health check reports.
const csv = readFileSync(new URL('./fixtures/haproxy-stats.csv', import.meta.url), 'utf8');

describe('parseHaproxyCsv', () => {
  it('keeps one line per server, with its state, last check, sessions, rate and 5xx', () => {
    const servers = parseHaproxyCsv(csv);
    expect(servers.map((s) => `${s.proxy}/${s.server}`)).toEqual(['catalog_api/catalog-api-1', 'admin_connect/connect', 'catalog_api/catalog-api-2']);
    expect(servers[0]).toMatchObject({ status: 'UP', up: true, lastCheck: 'L7OK 200 in 6ms', sessions: 0, sessionRate: 0, responses5xx: 0, totalSessions: 4 });
    expect(servers[2]).toMatchObject({ status: 'DOWN', up: false, lastCheck: 'L4CON in 0ms: Connection refused', responses5xx: 3, sinceChangeSeconds: 4 });
    expect(servers[1]).toMatchObject({ status: 'no check', up: null, lastCheck: 'no health check' });
  });

  it('reads columns by name, so a release that reorders or adds columns reads the same', () => {
    const [head, ...rows] = csv.trim().split('\n');
    const columns = head!.slice(2).split(',');
    const order = columns.map((_, i) => i).reverse();
    const reversed = [`# ${order.map((i) => columns[i]).join(',')}`, ...rows.map((row) => order.map((i) => row.split(',')[i] ?? '').join(','))].join('\n');
    expect(parseHaproxyCsv(reversed)).toEqual(parseHaproxyCsv(csv));
  });

  it('says what it got when the answer is not the CSV (a login page, an error)', () => {
    expect(() => parseHaproxyCsv('<html>401 Unauthorized</html>')).toThrow('not HAProxy stats CSV (first line: "<html>401 Unauthorized</html>")');
  });
});
