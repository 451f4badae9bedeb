/**
 * HAProxy's stats as CSV (`<stats uri>;csv`): one line per frontend, backend and
 * server, columns named by the first line (`# pxname,svname,...`). Only server lines
 * are kept: each replica with its state and last health check. Columns are read by
 * name, so a release that adds columns changes nothing here.
 * https://docs.haproxy.org/3.2/management.html#9.1
 */
export interface ServerStats {
  proxy: string;
  server: string;
  /** UP, DOWN, MAINT, "no check", ... as HAProxy writes it. */
  status: string;
  /** null for a server HAProxy does not health-check ("no check"). */
  up: boolean | null;
  /** e.g. "L7OK 200 in 3ms", "L4CON in 0ms: Connection refused". */
  lastCheck: string;
  /** Seconds since the last UP/DOWN change. */
  sinceChangeSeconds: number | null;
  sessions: number;
  /** New sessions in the last second. */
  sessionRate: number;
  responses5xx: number;
  totalSessions: number;
  /** `ip:port` HAProxy sends to (its last DNS answer for the server's name); '' before the first. */
  address: string;
}

export function parseHaproxyCsv(csv: string): ServerStats[] {
  const lines = csv.split('\n').map((line) => line.trimEnd()).filter(Boolean);
  const head = lines.shift();
  if (!head?.startsWith('# ')) throw new Error(`not HAProxy stats CSV (first line: ${JSON.stringify((head ?? '').slice(0, 60))})`);
  const columns = head.slice(2).split(',');
  const index = new Map(columns.map((name, i) => [name, i]));
  const rows = lines.map((line) => line.split(','));
  const cell = (row: string[], name: string) => row[index.get(name) ?? -1] ?? '';
  const number = (row: string[], name: string) => (cell(row, name) === '' ? 0 : Number(cell(row, name)));
  return rows
    .filter((row) => !['FRONTEND', 'BACKEND'].includes(cell(row, 'svname')))
    .map((row) => {
      const status = cell(row, 'status');
      const checkStatus = cell(row, 'check_status').replace(/^\* /, '');
      const checkCode = cell(row, 'check_code');
      const checkMs = cell(row, 'check_duration');
      const detail = cell(row, 'last_chk');
      const lastCheck = checkStatus
        ? `${checkStatus}${checkCode ? ` ${checkCode}` : ''}${checkMs ? ` in ${checkMs}ms` : ''}${detail && detail !== checkCode ? `: ${detail}` : ''}`
        : 'no health check';
      return {
        proxy: cell(row, 'pxname'),
        server: cell(row, 'svname'),
        status,
        up: status === 'no check' ? null : status.startsWith('UP'),
        lastCheck,
        sinceChangeSeconds: cell(row, 'lastchg') === '' ? null : Number(cell(row, 'lastchg')),
        sessions: number(row, 'scur'),
        sessionRate: number(row, 'rate'),
        responses5xx: number(row, 'hrsp_5xx'),
        totalSessions: number(row, 'stot'),
        address: cell(row, 'addr'),
      };
    });
}
