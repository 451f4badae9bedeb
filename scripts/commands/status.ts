/**
 * `npm run status [-- --json]`: containers with state and health, plus the connector
 * and its tasks. A service whose container predates an edit of .env or compose.yaml
 * is flagged: `npm run up` recreates it. The model and the table are in lib/status/.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { createConnectClient } from '../lib/connect/connect-client.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { connectorStates } from '../lib/status/connector-states.ts';
import { renderStatus } from '../lib/status/render-status.ts';
import { statusModel } from '../lib/status/status-model.ts';
import { createOutput } from '../lib/ui/output.ts';

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
  const [hashes, containers, connectors] = await Promise.all([
    compose.serviceHashes(),
    compose.ps(),
    connectorStates(createConnectClient(stack.urls.connect, undefined, 3000)),
  ]);
  const model = statusModel({ hashes, containers, connectors, stack });
  if (json) {
    process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    return;
  }
  const out = createOutput();
  for (const line of renderStatus(model, out)) out.line(line);
}
