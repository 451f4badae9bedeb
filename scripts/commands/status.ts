/**
 * `npm run status -- [--json]`: containers with state and health, the connector and its
 * tasks, and search: where the alias points, documents against rows, consumer lag per
 * partition, dead letters, and the indexer's own word (a missing index with its fix,
 * `npm run reindex`). A service whose container predates an edit of .env or compose.yaml
 * is flagged: `npm run up` recreates it. Then HAProxy's caches (web's assets, the images): hits
 * and lookups. The model and the tables are in lib/status/.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { createConnectClient } from '../lib/connect/connect-client.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { clientSettings } from '../lib/platform-client/client-settings.ts';
import { connectorStates } from '../lib/status/connector-states.ts';
import { renderStatus } from '../lib/status/render-status.ts';
import { gatherSearchFacts, httpBody, INDEXER_HEALTH_REQUEST } from '../lib/status/search-facts.ts';
import { searchReport } from '../lib/status/search-report.ts';
import { edgeCacheView, fetchStatsCsv, type EdgeCacheView } from '../lib/status/edge-cache.ts';
import { stackVerdict, statusModel } from '../lib/status/status-model.ts';
import { assessStack, orderServices } from '../lib/compose/service-readiness.ts';
import { withUnreadySources } from '../lib/status/unready-sources.ts';
import { ChecksFailed } from '../lib/errors.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: 'containers with state and health, the connector with its tasks, and search (alias, documents against rows, lag, dead letters)',
  usage: 'npm run status -- [--json] [--check]',
  options: {
    json: { type: 'boolean', description: 'print the same as JSON (with `healthy` and `problems`)' },
    check: { type: 'boolean', description: 'exit 1 unless the whole stack is healthy, for scripts' },
  },
  run: ({ values }) => status(values.json === true, values.check === true),
});

async function status(json: boolean, check: boolean): Promise<void> {
  const configured = requireConfig();
  const { stack } = configured;
  const compose = stackCompose(configured);
  const { search } = stack.names;
  const { off } = stack.profile;
  const connectOff = off.get('connect');
  const searchOn = stack.profile.searchOffReason === '';
  const [hashes, containers, connectors, facts, edgeCache] = await Promise.all([
    compose.serviceHashes(),
    compose.ps(),
    // What the profile leaves out is not asked: it is off, not failing.
    connectOff === undefined ? connectorStates(createConnectClient(stack.urls.connect, undefined, 3000)) : Promise.resolve({ off: connectOff }),
    searchOn
      ? gatherSearchFacts({
          settings: clientSettings(stack),
          names: stack.names,
          search,
          indexerHealth: async () => httpBody(await compose.exec('search-indexer', INDEXER_HEALTH_REQUEST)),
        })
      : undefined,
    fetchStatsCsv(stack.urls.stats, stack.statsCredentials).then(edgeCacheView, (error: unknown): EdgeCacheView => ({ error: (error as Error).message })),
  ]);
  // A part that is not up answers with a raw error; its container's state says more.
  const reports = assessStack(orderServices([...hashes.keys()]), containers);
  const known = facts ? withUnreadySources(facts, connectors, reports) : { facts: undefined, connectors };
  const searchView = known.facts ? { ...known.facts, report: searchReport(known.facts, search) } : undefined;
  const model = statusModel({ hashes, containers, connectors: known.connectors, stack, ...(searchView ? { search: searchView } : {}), edgeCache });
  const verdict = stackVerdict(model);
  if (json) process.stdout.write(`${JSON.stringify({ ...verdict, ...model }, null, 2)}\n`);
  else {
    const out = createOutput();
    for (const line of renderStatus(model, out)) out.line(line);
  }
  if (check && !verdict.healthy) throw new ChecksFailed(`the stack is not healthy: ${verdict.problems.join('; ')}`, 'npm run up starts what is missing and repairs a failed connector; the table above says what each part is doing');
}
