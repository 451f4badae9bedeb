/**
 * The connector panel: Connect's status of the stack's connector, shaped for the page,
 * and its actions. Restart "failed" is `up`'s own remedy
 * (`POST /connectors/<name>/restart?includeTasks=true&onlyFailed=true`); "all" restarts
 * the connector and every task.
 */
import type { ConnectClient, ConnectorStatus } from '../connect/connect-client.ts';

export interface ConnectorView {
  name: string;
  registered: boolean;
  state: string;
  trace: string | null;
  tasks: Array<{ id: number; state: string; worker: string | null; trace: string | null }>;
}

export function shapeConnector(name: string, httpStatus: number, body: ConnectorStatus | undefined): ConnectorView {
  if (httpStatus === 404 || !body) return { name, registered: false, state: httpStatus === 404 ? 'not registered (npm run up registers it)' : `HTTP ${httpStatus}`, trace: null, tasks: [] };
  return {
    name,
    registered: true,
    state: body.connector.state,
    trace: body.connector.trace ?? null,
    tasks: body.tasks.map((task) => ({ id: task.id, state: task.state, worker: task.worker_id ?? null, trace: task.trace ?? null })),
  };
}

export const CONNECTOR_ACTIONS = ['restart-failed', 'restart-all', 'pause', 'resume'] as const;
export type ConnectorAction = (typeof CONNECTOR_ACTIONS)[number];

export function isConnectorAction(value: string): value is ConnectorAction {
  return (CONNECTOR_ACTIONS as readonly string[]).includes(value);
}

export async function runConnectorAction(client: ConnectClient, name: string, action: ConnectorAction): Promise<{ status: number; text: string }> {
  const calls = { 'restart-failed': client.restartFailed, 'restart-all': client.restartAll, pause: client.pause, resume: client.resume };
  const answer = await calls[action](name);
  // Connect answers a restart with the whole status, traces included: the panel shows the status itself.
  return { status: answer.status, text: answer.status >= 300 ? answer.text.slice(0, 300) : '' };
}
