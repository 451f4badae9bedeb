/** The connectors and their tasks as `status` shows them; an unreachable Connect is a state, not an error. */
import type { ConnectClient } from '../connect/connect-client.ts';
import { errorText } from '../text.ts';
import type { ConnectorsView } from './status-model.ts';

export async function connectorStates(client: Pick<ConnectClient, 'list'>): Promise<ConnectorsView> {
  try {
    const answer = await client.list();
    if (answer.status !== 200 || !answer.body) return { error: `GET /connectors answered ${answer.status}` };
    return Object.values(answer.body).map((entry) => ({
      name: entry.status.name,
      connector: { state: entry.status.connector.state },
      // The first line of a failed task's stack trace says why; the rest is noise in a status.
      tasks: entry.status.tasks.map((t) => ({ id: t.id, state: t.state, ...(t.trace ? { trace: t.trace.split('\n')[0] } : {}) })),
    }));
  } catch (error) {
    return { error: errorText(error) };
  }
}
