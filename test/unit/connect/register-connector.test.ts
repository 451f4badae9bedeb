import { describe, expect, it } from 'vitest';
import { registerConnector } from '../../../scripts/lib/connect/register-connector.ts';
import { Interrupted, UserError } from '../../../scripts/lib/errors.ts';
import { Deadline } from '../../../scripts/lib/wait/clock.ts';
import { fakeClock } from '../helpers/fake-clock.ts';
import { fakeConnect } from '../helpers/fake-connect.ts';

const connector = { name: 'catalog-cdc-mysql', config: { 'connector.class': 'io.debezium.connector.mysql.MySqlConnector' } };
const PUT = 'PUT /connectors/catalog-cdc-mysql/config';
const STATUS = 'GET /connectors/catalog-cdc-mysql/status';
const RESTART = 'POST /connectors/catalog-cdc-mysql/restart?includeTasks=true&onlyFailed=true';
const status = (connectorState: string, ...tasks: Array<[string, string?]>) => ({
  status: 200,
  body: { name: connector.name, connector: { state: connectorState }, tasks: tasks.map(([state, trace], id) => ({ id, state, ...(trace ? { trace } : {}) })) },
});
const connectionRefused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8083'), { code: 'ECONNREFUSED' }) });

describe('registerConnector', () => {
  it('PUTs the config idempotently and waits for the connector and task to run', async () => {
    const { client, calls, bodies } = fakeConnect({ [PUT]: [{ status: 201 }], [STATUS]: [{ status: 404 }, status('RUNNING'), status('RUNNING', ['RUNNING'])] });
    const result = await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 60_000) });
    expect(result.tasks).toEqual([{ id: 0, state: 'RUNNING' }]);
    expect(calls).toEqual([PUT, STATUS, STATUS, STATUS]);
    expect(bodies).toEqual([connector.config]);
  });

  it('retries on 409 (rebalance) and on connection errors', async () => {
    const { client, calls } = fakeConnect({
      [PUT]: [connectionRefused(), { status: 409, body: { error_code: 409, message: 'Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)' } }, { status: 200 }],
      [STATUS]: [status('RUNNING', ['RUNNING'])],
    });
    await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 60_000) });
    expect(calls.filter((c) => c === PUT)).toHaveLength(3);
  });

  it('restarts a FAILED task and succeeds when it comes back RUNNING', async () => {
    const progress: string[] = [];
    const { client, calls } = fakeConnect({
      [PUT]: [{ status: 200 }],
      [STATUS]: [status('RUNNING', ['FAILED', 'io.debezium.DebeziumException: Access denied for user\n\tat ...']), status('RUNNING', ['RUNNING'])],
      [RESTART]: [{ status: 202 }],
    });
    await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 60_000), onProgress: (m) => progress.push(m) });
    expect(calls).toContain(RESTART);
    expect(progress).toContain('task 0 FAILED: io.debezium.DebeziumException: Access denied for user; restarting failed tasks (1/3)');
  });

  it('gives up at the deadline with the task trace in the error', async () => {
    const { client, calls } = fakeConnect({
      [PUT]: [{ status: 200 }],
      [STATUS]: [status('RUNNING', ['FAILED', 'io.debezium.DebeziumException: Access denied for user debezium\n\tat io.debezium.Foo.bar(Foo.java:1)'])],
      [RESTART]: [{ status: 204 }],
    });
    const error = await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 10_000), maxRestarts: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).toContain('connector catalog-cdc-mysql and its tasks RUNNING: not ready after 10.0 s');
    expect(message).toContain('(after 2 restart(s))');
    expect(message).toContain('task 0: io.debezium.DebeziumException: Access denied for user debezium');
    expect(message).toContain('at io.debezium.Foo.bar(Foo.java:1)');
    expect(calls.filter((c) => c === RESTART)).toHaveLength(2);
  });

  it.each(['PAUSED', 'STOPPED'])('resumes a %s connector (paused from the console or by hand) and says so', async (state) => {
    const progress: string[] = [];
    const RESUME = 'PUT /connectors/catalog-cdc-mysql/resume';
    const { client, calls } = fakeConnect({
      [PUT]: [{ status: 200 }],
      [STATUS]: [status(state, [state]), status(state, [state]), status('RUNNING', ['RUNNING'])],
      [RESUME]: [{ status: 202 }],
    });
    const result = await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 60_000), onProgress: (m) => progress.push(m) });
    expect(result.connector.state).toBe('RUNNING');
    expect(calls.filter((c) => c === RESUME)).toHaveLength(1);
    expect(progress).toContain(`connector catalog-cdc-mysql was ${state}: resumed it (PUT /connectors/catalog-cdc-mysql/resume)`);
  });

  it('stops with the fix when Connect refuses to resume a paused connector', async () => {
    const RESUME = 'PUT /connectors/catalog-cdc-mysql/resume';
    const { client } = fakeConnect({ [PUT]: [{ status: 200 }], [STATUS]: [status('PAUSED', ['PAUSED'])], [RESUME]: [{ status: 500, body: { error_code: 500, message: 'boom' } }] });
    const error = await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 60_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('connector catalog-cdc-mysql is PAUSED and Kafka Connect refused to resume it (500): boom');
    expect((error as UserError).fix).toBe('curl -X PUT http://127.0.0.1:8083/connectors/catalog-cdc-mysql/resume (or Resume in `npm run console`), then npm run up');
  });

  it('stops at once when Connect rejects the config (400)', async () => {
    const { client, calls } = fakeConnect({ [PUT]: [{ status: 400, body: { error_code: 400, message: 'Connector configuration is invalid and contains 1 error(s)' } }] });
    const error = await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 60_000) }).catch((e: unknown) => e);
    expect((error as UserError).message).toBe('Kafka Connect rejected connector catalog-cdc-mysql (400): Connector configuration is invalid and contains 1 error(s)');
    expect(calls).toEqual([PUT]);
  });

  it('times out naming Connect unreachable when it never answers', async () => {
    const { client } = fakeConnect({ [PUT]: [connectionRefused()] });
    const error = await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 5000) }).catch((e: unknown) => e);
    expect((error as UserError).message).toBe(
      'register connector catalog-cdc-mysql (PUT http://127.0.0.1:8083/connectors/catalog-cdc-mysql/config): not ready after 5.0 s; last error: Kafka Connect not reachable: fetch failed: ECONNREFUSED',
    );
  });

  it('stops waiting for RUNNING when the signal aborts (Ctrl-C during up)', async () => {
    const controller = new AbortController();
    const { client, calls } = fakeConnect({ [PUT]: [{ status: 201 }], [STATUS]: [status('RUNNING', ['UNASSIGNED'])] });
    const onProgress = (message: string) => message.includes('registered') && controller.abort(new Interrupted('SIGINT'));
    const error = await registerConnector({ client, connector, deadline: new Deadline(fakeClock(), 600_000), onProgress, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Interrupted);
    expect(calls).toEqual([PUT]);
  });
});
