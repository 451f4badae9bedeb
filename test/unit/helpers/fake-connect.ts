/** A fake Kafka Connect REST API for the connector modules' tests. */
import { createConnectClient, type Fetch } from '../../../scripts/lib/connect/connect-client.ts';

export type Answer = { status: number; body?: unknown } | Error;

/** A fake Connect: each "METHOD path" answers from its queue; the last answer repeats. */
export function fakeConnect(routes: Record<string, Answer[]>) {
  const calls: string[] = [];
  const bodies: unknown[] = [];
  const fetch: Fetch = async (url, init) => {
    const key = `${init?.method ?? 'GET'} ${url.replace('http://127.0.0.1:8083', '')}`;
    calls.push(key);
    if (init?.body) bodies.push(JSON.parse(init.body));
    const queue = routes[key];
    if (!queue) return { status: 404, text: async () => '{"error_code":404,"message":"no route"}' };
    const answer = queue.length > 1 ? queue.shift()! : queue[0]!;
    if (answer instanceof Error) throw answer;
    return { status: answer.status, text: async () => (answer.body === undefined ? '' : JSON.stringify(answer.body)) };
  };
  return { client: createConnectClient('http://127.0.0.1:8083', fetch), calls, bodies };
}

