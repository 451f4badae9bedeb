/**
 * After a DB_ENGINE switch, Connect still holds the other engine's connector (its
 * config lives in a Kafka topic, which survives the switch). Left alone it keeps
 * reading the database container, which now runs the other engine, from a binlog
 * position that belongs to the old one. `up` removes it:
 *   PUT /stop → DELETE /offsets → DELETE, each idempotent (KIP-875, Kafka 3.6+).
 * The offsets go too: they may now point into the wrong server's binlog, so switching
 * back must start over with a snapshot (snapshot.mode=when_needed) rather than resume
 * from them. A snapshot re-sends rows with their versions: the index keeps what it has;
 * an outbox connector's snapshot re-sends its rows with their ids: the inboxes drop them.
 * Only names the typed config derives for another engine are touched; a connector
 * someone added by hand is never removed.
 */
import type { DbEngine, StackConfig } from '../config/stack-config.ts';
import type { Deadline } from '../wait/clock.ts';
import { abort, notReady, ready, waitFor } from '../wait/poll.ts';
import { UserError } from '../errors.ts';
import { errorText } from '../text.ts';
import type { ConnectClient, HttpAnswer } from './connect-client.ts';
import { outboxConnectorNames } from './outbox-connectors.ts';

export interface ForeignConnector {
  name: string;
  engine: DbEngine;
}

/** The registered connectors that belong to an engine other than DB_ENGINE. */
export function foreignConnectors(registered: string[], stack: Pick<StackConfig, 'otherEngines'>): ForeignConnector[] {
  const present = new Set(registered);
  return stack.otherEngines
    .flatMap((other) => [other.connector, other.availabilityConnector, ...outboxConnectorNames(other.engine)].map((name) => ({ name, engine: other.engine })))
    .filter((connector) => present.has(connector.name));
}

export interface RemoveOptions {
  client: Pick<ConnectClient, 'baseUrl' | 'list' | 'stop' | 'resetOffsets' | 'remove'>;
  stack: Pick<StackConfig, 'otherEngines'>;
  deadline: Deadline;
  intervalMs?: number;
  signal?: AbortSignal;
}

const FIX = 'npm run logs connect; remove it by hand with curl -X DELETE http://127.0.0.1:<CONNECT_PORT>/connectors/<name>, then npm run up';

/** Removes every foreign connector and returns them (none: nothing was done). */
export async function removeForeignConnectors({ client, stack, deadline, intervalMs = 500, signal }: RemoveOptions): Promise<ForeignConnector[]> {
  const registered = await step(`list connectors (GET ${client.baseUrl}/connectors)`, () => client.list(), (answer) => answer.status === 200, { deadline, intervalMs, signal });
  const foreign = foreignConnectors(Object.keys(registered.body ?? {}), stack);
  for (const { name } of foreign) {
    const gone = (answer: HttpAnswer) => answer.status === 404;
    await step(`stop connector ${name}`, () => client.stop(name), (a) => a.status === 202 || a.status === 204 || gone(a), { deadline, intervalMs, signal });
    // 400 until the stop has gone through a rebalance and the connector is STOPPED.
    await step(`reset the offsets of connector ${name}`, () => client.resetOffsets(name), (a) => a.status === 200 || gone(a), { deadline, intervalMs, signal, retryOn: [400] });
    await step(`remove connector ${name}`, () => client.remove(name), (a) => a.status === 204 || gone(a), { deadline, intervalMs, signal });
  }
  return foreign;
}

interface StepOptions {
  deadline: Deadline;
  intervalMs: number;
  signal?: AbortSignal;
  /** Statuses that mean "not yet" besides 409 (rebalance) and 5xx (Connect starting). */
  retryOn?: number[];
}

function step(name: string, call: () => Promise<HttpAnswer>, done: (answer: HttpAnswer) => boolean, { deadline, intervalMs, signal, retryOn = [] }: StepOptions) {
  return waitFor(
    {
      name,
      intervalMs,
      fix: FIX,
      probe: async () => {
        let answer: HttpAnswer;
        try {
          answer = await call();
        } catch (error) {
          return notReady(`Kafka Connect not reachable: ${errorText(error)}`);
        }
        if (done(answer)) return ready(answer);
        const seen = `${answer.status}: ${answer.text.trim().slice(0, 300)}`;
        if (answer.status === 409 || answer.status >= 500 || retryOn.includes(answer.status)) return notReady(seen);
        return abort(new UserError(`Kafka Connect refused to ${name} (${seen})`, FIX));
      },
    },
    { deadline, signal },
  );
}
