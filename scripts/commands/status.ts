/**
 * `npm run status [-- --json]`: containers with state and health, plus the connector
 * and its tasks. A service whose container predates an edit of .env or compose.yaml
 * is flagged: `npm run up` recreates it.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { createConnectClient, type ConnectorStatus } from '../lib/connect/connect-client.ts';
import { assessStack, orderServices, staleServices } from '../lib/compose/service-readiness.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { createOutput } from '../lib/ui/output.ts';
import { renderTable } from '../lib/ui/table.ts';
import { serviceUrl } from '../lib/up/service-urls.ts';
import { errorText } from '../lib/text.ts';

export const command = defineCommand({
  summary: 'containers with state and health, and the connector with its tasks',
  usage: 'npm run status [-- --json]',
  options: { json: { type: 'boolean', description: 'print the same as JSON' } },
  run: ({ values }) => status(values.json === true),
});

async function status(json: boolean): Promise<void> {
  const configured = requireConfig();
  const { stack } = configured;
  const compose = stackCompose(configured);
  const [hashes, containers, connectors] = await Promise.all([compose.serviceHashes(), compose.ps(), connectorStates(stack.urls.connect)]);
  const reports = assessStack(orderServices([...hashes.keys()]), containers);
  const changed = new Set(staleServices(hashes, containers));

  if (json) {
    const model = {
      services: reports.map((report) => ({
        service: report.service,
        readiness: report.readiness,
        detail: report.detail,
        configChanged: changed.has(report.service),
        url: serviceUrl(report.service, stack),
        containers: report.containers.map((c) => ({ name: c.name, state: c.state, health: c.health, exitCode: c.exitCode, status: c.status })),
      })),
      connectors,
    };
    process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    return;
  }

  const out = createOutput();
  const paint = (readiness: string, text: string) => (readiness === 'ready' ? out.green(text) : readiness === 'failed' ? out.red(text) : out.yellow(text));
  const state = (r: (typeof reports)[number]) => paint(r.readiness, r.detail) + (changed.has(r.service) ? out.yellow(' (config changed)') : '');
  out.line(renderTable(['service', 'state', 'reach it at'], reports.map((r) => [r.service, state(r), serviceUrl(r.service, stack)])));
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
