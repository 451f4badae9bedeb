/**
 * A client that keeps calling the API through HAProxy at a steady pace while something
 * else happens (a rebuild and `up`, a reload), and counts every request that fails:
 * an answer that is not the expected status (HAProxy's 503 when no replica is left, a
 * 502 for a request a stopping replica dropped) or no answer at all (a reset socket).
 * One request at a time, `everyMs` apart, as a user clicking would: a failure is one
 * lost request, not a burst. The reload e2e test and `npm run bench:reload` share it.
 */
import type { ApiClient } from '../platform-client/api-client.ts';
import { errorText } from '../text.ts';

export interface LoopCall {
  method: string;
  path: string;
  body?: unknown;
  /** The status a success answers with. */
  expect: number;
}

export interface LoopTally {
  name: string;
  sent: number;
  failed: number;
  /** Failures by kind ("HTTP 503", "fetch failed: ECONNRESET"), with their count. */
  failures: Record<string, number>;
}

export interface RunningLoop {
  stop(): Promise<LoopTally>;
}

export function startLoop(name: string, client: ApiClient, next: (index: number) => LoopCall, { everyMs = 20, sleep = (ms: number) => new Promise((done) => setTimeout(done, ms)) } = {}): RunningLoop {
  const tally: LoopTally = { name, sent: 0, failed: 0, failures: {} };
  let stopping = false;
  const fail = (kind: string) => {
    tally.failed += 1;
    tally.failures[kind] = (tally.failures[kind] ?? 0) + 1;
  };
  const running = (async () => {
    while (!stopping) {
      const call = next(tally.sent);
      tally.sent += 1;
      try {
        const response = await client.request(call.method, call.path, call.body);
        if (response.status !== call.expect) fail(`HTTP ${response.status}`);
      } catch (error) {
        fail(errorText(error));
      }
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await running;
      return tally;
    },
  };
}

/** "reads: 0 of 1234 failed" or "writes: 3 of 1200 failed (2× HTTP 503, 1× fetch failed: ECONNRESET)". */
export function describeTally({ name, sent, failed, failures }: LoopTally): string {
  const kinds = Object.entries(failures).map(([kind, count]) => `${count}× ${kind}`);
  return `${name}: ${failed} of ${sent} failed${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`;
}
