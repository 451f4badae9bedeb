/** Reads Kafka Connect's status of one connector and judges it. */
import { createConnectClient } from '../connect/connect-client.ts';
import { notReady, ready, type ProbeResult } from '../wait/poll.ts';

interface StatusBody {
  connector?: { state?: string; trace?: string };
  tasks?: Array<{ id?: number; state?: string; trace?: string }>;
}

/** RUNNING means the connector and every one of its tasks (at least one) run. */
export function judgeConnectorStatus(httpStatus: number, body: unknown): ProbeResult<string> {
  if (httpStatus === 404) return notReady('the connector is not registered (404)');
  if (httpStatus !== 200) return notReady(`Connect answered HTTP ${httpStatus}`);
  const status = body as StatusBody;
  const connector = status.connector?.state ?? 'unknown';
  const tasks = status.tasks ?? [];
  const summary = `connector ${connector}, tasks [${tasks.map((t) => `${t.id}:${t.state}`).join(', ')}]`;
  if (connector !== 'RUNNING' || tasks.length === 0 || tasks.some((t) => t.state !== 'RUNNING')) {
    const trace = [status.connector?.trace, ...tasks.map((t) => t.trace)].find(Boolean)?.split('\n')[0];
    return notReady(trace ? `${summary}; ${trace}` : summary);
  }
  return ready(summary);
}

export async function probeConnector(connectUrl: string, name: string) {
  const answer = await createConnectClient(connectUrl, undefined, 2_000).status(name);
  return judgeConnectorStatus(answer.status, answer.body);
}
