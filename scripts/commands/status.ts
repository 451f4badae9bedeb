/**
 * `npm run status [-- --json]`: containers with state and health, the connector
 * and its tasks, and search: where the alias points, documents against rows, consumer
 * lag per partition, dead letters, and the indexer's own word (a missing index with
 * its fix, `npm run reindex`). A service whose container predates an edit of .env or compose.yaml
 * is flagged: `npm run up` recreates it.
 */
import { parseArgs } from '../lib/args.ts';
import { connectUrl, createConnectClient, type ConnectorStatus } from '../lib/connect/connect-client.ts';
import { assessStack, orderServices, staleServices } from '../lib/compose/service-readiness.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { createOutput } from '../lib/ui/output.ts';
import { renderTable } from '../lib/ui/table.ts';
import { serviceUrl } from '../lib/up/service-urls.ts';
import { errorText } from '../lib/text.ts';
import { searchIndexNames } from '../../services/lib/search-index-names.ts';
import { stackConfigOf } from '../lib/config/stack-config.ts';
import { clientSettings } from '../lib/platform-client/client-settings.ts';
import { gatherSearchFacts, httpBody, INDEXER_HEALTH_REQUEST } from '../lib/status/search-facts.ts';
import { searchReport } from '../lib/status/search-report.ts';

export async function run(args: string[]): Promise<number> {
  const { flags } = parseArgs(args, { boolean: ['json'] }, 'npm run status [-- --json]');
  const config = requireConfig();
  const compose = stackCompose(config);
  const stack = stackConfigOf(config.values);
  const search = searchIndexNames(stack.names.searchIndex);
  const [hashes, containers, connectors, facts] = await Promise.all([
    compose.serviceHashes(),
    compose.ps(),
    connectorStates(connectUrl(config.values)),
    gatherSearchFacts({
      settings: clientSettings(config.values),
      names: stack.names,
      search,
      indexerHealth: async () => httpBody(await compose.exec('search-indexer', INDEXER_HEALTH_REQUEST)),
    }),
  ]);
  const searchState = searchReport(facts, search);
  const reports = assessStack(orderServices([...hashes.keys()]), containers);
  const changed = new Set(staleServices(hashes, containers));

  if (flags.json) {
    const json = {
      services: reports.map((report) => ({
        service: report.service,
        readiness: report.readiness,
        detail: report.detail,
        configChanged: changed.has(report.service),
        url: serviceUrl(report.service, config),
        containers: report.containers.map((c) => ({ name: c.name, state: c.state, health: c.health, exitCode: c.exitCode, status: c.status })),
      })),
      connectors,
      search: { ...facts, report: searchState },
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }

  const out = createOutput();
  const paint = (readiness: string, text: string) => (readiness === 'ready' ? out.green(text) : readiness === 'failed' ? out.red(text) : out.yellow(text));
  const state = (r: (typeof reports)[number]) => paint(r.readiness, r.detail) + (changed.has(r.service) ? out.yellow(' (config changed)') : '');
  out.line(renderTable(['service', 'state', 'reach it at'], reports.map((r) => [r.service, state(r), serviceUrl(r.service, config)])));
  if (changed.size > 0) out.line(out.yellow(`\n.env or compose.yaml changed since ${[...changed].join(', ')} was created: npm run up recreates ${changed.size === 1 ? 'it' : 'them'}`));
  out.line();
  if ('error' in connectors) out.line(out.dim(`connectors: Kafka Connect not reachable (${connectors.error})`));
  else if (connectors.length === 0) out.line(out.yellow('connectors: none registered (npm run up registers it)'));
  else {
    const rows = connectors.flatMap((c) => [
      [c.name, 'connector', paint(c.connector.state === 'RUNNING' ? 'ready' : 'failed', c.connector.state)],
      ...c.tasks.map((t) => [c.name, `task ${t.id}`, paint(t.state === 'RUNNING' ? 'ready' : 'failed', t.state)]),
    ]);
    out.line(renderTable(['connector', 'part', 'state'], rows));
  }
  out.line();
  const level = { ok: 'ready', warn: 'starting', fail: 'failed' } as const;
  out.line(renderTable(['search', 'state'], searchState.rows.map((r) => [r.what, paint(level[r.level], r.value)])));
  for (const { problem, fix } of searchState.problems) out.line(out.red(`\n✖ ${problem}\n  fix: ${fix}`));
  return 0;
}

async function connectorStates(baseUrl: string): Promise<ConnectorStatus[] | { error: string }> {
  try {
    const answer = await createConnectClient(baseUrl, undefined, 3000).list();
    if (answer.status !== 200 || !answer.body) return { error: `GET /connectors answered ${answer.status}` };
    return Object.values(answer.body).map((entry) => ({
      name: entry.status.name,
      connector: { state: entry.status.connector.state },
      tasks: entry.status.tasks.map((t) => ({ id: t.id, state: t.state, ...(t.trace ? { trace: t.trace.split('\n')[0] } : {}) })),
    }));
  } catch (error) {
    return { error: errorText(error) };
  }
}
