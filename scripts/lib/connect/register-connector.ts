/**
 * Registers the connector and waits until it and its task(s) run:
 * - `PUT /connectors/<name>/config` is create-or-update, so a second `up` is a no-op;
 *   409 means a rebalance is in progress and is retried (kafka-ops/julie#328), as are
 *   connection errors and 5xx while Connect starts;
 * - a PAUSED or STOPPED connector (Pause in `npm run console`, or by hand) is resumed
 *   once, and `up` says so: waiting for RUNNING would otherwise last to the deadline;
 * - a FAILED connector or task is restarted with
 *   `POST /connectors/<name>/restart?includeTasks=true&onlyFailed=true` (after a MySQL
 *   restart Debezium can stay FAILED), a bounded number of times;
 * - on timeout the error carries the task's stack trace, which says why.
 */
import { UserError } from '../errors.ts';
import type { Deadline } from '../wait/clock.ts';
import { indent, errorText } from '../text.ts';
import { WaitTimeoutError, abort, notReady, ready, waitFor } from '../wait/poll.ts';
import type { ConnectClient, ConnectorStatus } from './connect-client.ts';
import type { ConnectorConfig } from './render-connector.ts';

export interface RegisterOptions {
  client: ConnectClient;
  connector: ConnectorConfig;
  deadline: Deadline;
  intervalMs?: number;
  maxRestarts?: number;
  onProgress?: (message: string) => void;
  /** Ctrl-C: stop waiting (see interrupts.ts). */
  signal?: AbortSignal;
}

export async function registerConnector({ client, connector, deadline, intervalMs = 1000, maxRestarts = 3, onProgress = () => {}, signal }: RegisterOptions): Promise<ConnectorStatus> {
  const { name } = connector;
  const fix = `npm run logs connect; check kafka/connectors/ and .env, then npm run up`;

  await waitFor(
    {
      name: `register connector ${name} (PUT ${client.baseUrl}/connectors/${name}/config)`,
      intervalMs,
      fix,
      probe: async () => {
        let answer;
        try {
          answer = await client.putConfig(name, connector.config);
        } catch (error) {
          return notReady(`Kafka Connect not reachable: ${errorText(error)}`);
        }
        if (answer.status === 200 || answer.status === 201) return ready();
        const message = connectMessage(answer.text);
        if (answer.status === 409) return notReady(`409 Conflict (rebalance in progress): ${message}`);
        if (answer.status >= 500) return notReady(`${answer.status}: ${message}`);
        return abort(new UserError(`Kafka Connect rejected connector ${name} (${answer.status}): ${message}`, fix));
      },
    },
    { deadline, signal },
  );
  onProgress(`connector ${name} registered`);

  let restarts = 0;
  let resumed = false;
  let lastTrace: string | undefined;
  try {
    return await waitFor(
      {
        name: `connector ${name} and its tasks RUNNING`,
        intervalMs,
        fix,
        probe: async () => {
          const answer = await client.status(name);
          if (answer.status === 404) return notReady('status not available yet (404)');
          if (answer.status !== 200 || !answer.body) return notReady(`GET status answered ${answer.status}: ${connectMessage(answer.text)}`);
          const status = answer.body;
          const halted = status.connector.state;
          if ((halted === 'PAUSED' || halted === 'STOPPED') && !resumed) {
            resumed = true;
            const resume = await client.resume(name);
            if (resume.status >= 300) {
              return abort(
                new UserError(
                  `connector ${name} is ${halted} and Kafka Connect refused to resume it (${resume.status}): ${connectMessage(resume.text)}`,
                  `curl -X PUT ${client.baseUrl}/connectors/${name}/resume (or Resume in \`npm run console\`), then npm run up`,
                ),
              );
            }
            onProgress(`connector ${name} was ${halted}: resumed it (PUT /connectors/${name}/resume)`);
            return notReady(`connector was ${halted}; resumed`);
          }
          const failed = [
            ...(status.connector.state === 'FAILED' ? [{ what: 'connector', trace: status.connector.trace }] : []),
            ...status.tasks.filter((task) => task.state === 'FAILED').map((task) => ({ what: `task ${task.id}`, trace: task.trace })),
          ];
          if (failed.length > 0) {
            lastTrace = failed.map((f) => `${f.what}: ${f.trace ?? '(no trace)'}`).join('\n');
            const summary = `${failed.map((f) => f.what).join(', ')} FAILED: ${firstLine(failed[0]?.trace)}`;
            if (restarts >= maxRestarts) return notReady(`${summary} (after ${restarts} restart(s))`);
            restarts++;
            onProgress(`${summary}; restarting failed tasks (${restarts}/${maxRestarts})`);
            await client.restartFailed(name);
            return notReady(`${summary}; restarted (${restarts}/${maxRestarts})`);
          }
          if (status.connector.state !== 'RUNNING') return notReady(`connector is ${status.connector.state}`);
          if (status.tasks.length === 0) return notReady('connector has no tasks yet');
          const notRunning = status.tasks.filter((task) => task.state !== 'RUNNING');
          if (notRunning.length > 0) return notReady(notRunning.map((task) => `task ${task.id} is ${task.state}`).join(', '));
          return ready(status);
        },
      },
      { deadline, signal },
    );
  } catch (error) {
    if (error instanceof WaitTimeoutError && lastTrace) {
      throw new UserError(`${error.message}\n${indent(lastTrace.split('\n').slice(0, 25).join('\n'))}`, error.fix, { cause: error });
    }
    throw error;
  }
}

/** Connect's errors are `{ "error_code": 409, "message": "..." }`. */
function connectMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: string };
    if (body.message) return body.message;
  } catch {
    // not JSON: show the raw text
  }
  return text.trim().slice(0, 300) || '(empty body)';
}

function firstLine(text: string | undefined): string {
  return (text ?? '(no trace)').split('\n')[0]!.trim();
}
