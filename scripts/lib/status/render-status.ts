/** `npm run status` as tables: services, a note on changed configuration, connectors and tasks, search with its problems and fixes. */
import type { Output } from '../ui/output.ts';
import { renderTable } from '../ui/table.ts';
import { describeHits } from './edge-cache.ts';
import type { StatusModel } from './status-model.ts';

type Paint = Pick<Output, 'green' | 'red' | 'yellow' | 'dim'>;

export function renderStatus({ profile, services, off, connectors, search, searchOff, edgeCache }: StatusModel, out: Paint): string[] {
  const paint = (readiness: string, text: string) => (readiness === 'ready' ? out.green(text) : readiness === 'failed' ? out.red(text) : out.yellow(text));
  const lines: string[] = [];
  const state = (s: StatusModel['services'][number]) => paint(s.readiness, s.detail) + (s.configChanged ? out.yellow(' (config changed)') : '');
  lines.push(`profile ${profile}${off.length > 0 ? ` (npm run up -- --profile full starts the ${off.length} service(s) it leaves out)` : ''}`);
  lines.push(renderTable(['service', 'state', 'reach it at'], [...services.map((s) => [s.service, state(s), s.url]), ...off.map((o) => [o.service, out.dim(`off: ${o.reason}`), '-'])]));
  const changed = services.filter((s) => s.configChanged).map((s) => s.service);
  if (changed.length > 0) lines.push(out.yellow(`\n.env or compose.yaml changed since ${changed.join(', ')} was created: npm run up recreates ${changed.length === 1 ? 'it' : 'them'}`));
  lines.push('');
  if ('off' in connectors) lines.push(out.dim(`connectors: off: Connect is ${connectors.off}`));
  else if ('error' in connectors) lines.push(out.dim(`connectors: Kafka Connect not reachable (${connectors.error})`));
  else if (connectors.length === 0) lines.push(out.yellow('connectors: none registered (npm run up registers it)'));
  else {
    const rows = connectors.flatMap((c) => [
      [c.name, 'connector', paint(c.connector.state === 'RUNNING' ? 'ready' : 'failed', c.connector.state)],
      ...c.tasks.map((t) => [c.name, `task ${t.id}`, paint(t.state === 'RUNNING' ? 'ready' : 'failed', t.state)]),
    ]);
    lines.push(renderTable(['connector', 'part', 'state'], rows));
  }
  if (searchOff) lines.push('', out.dim(`search: off: Elasticsearch is ${searchOff}`));
  if (search) {
    const level = { ok: 'ready', warn: 'starting', fail: 'failed' } as const;
    lines.push('');
    lines.push(renderTable(['search', 'state'], search.report.rows.map((r) => [r.what, paint(level[r.level], r.value)])));
    for (const { problem, fix } of search.report.problems) lines.push(out.red(`\n✖ ${problem}\n  fix: ${fix}`));
  }
  if (edgeCache) {
    lines.push('');
    if ('error' in edgeCache) lines.push(out.dim(`edge cache: HAProxy stats not readable (${edgeCache.error})`));
    else lines.push(renderTable(['edge cache (HAProxy)', 'since HAProxy started'], edgeCache.map((c) => [c.backend, describeHits(c)])));
  }
  return lines;
}
