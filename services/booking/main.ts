/**
 * booking entry point: `node services/dist/booking/main.js`. Wires config, the MySQL pool,
 * the participants' gRPC clients, the saga runner, the replies' consumer, the step-deadline
 * sweeper, the pruning of old outbox and inbox rows and the HTTP service, and stops them in
 * order on SIGTERM (HTTP drained, consumer, sweeper and pruning stopped, pool closed).
 */
import { randomUUID } from 'node:crypto';
import { drainSwitch } from '../kit/drain.ts';
import { loadConfigOrExit } from '../kit/load-config-or-exit.ts';
import { createLogger } from '../kit/logger.ts';
import { createServicePool } from '../kit/mysql-pool.ts';
import { runPeriodically } from '../kit/periodic.ts';
import { sleep } from '../kit/retry.ts';
import { messagePruning } from '../kit/saga/message-retention.ts';
import { createSagaConsumer } from '../kit/saga/run-saga-consumer.ts';
import { serve } from '../kit/serve.ts';
import { buildBookingApp } from './app.ts';
import { createBookingHandlers } from './booking-handlers.ts';
import { dummyPinHash } from './booking-secrets.ts';
import { createGrpcCardVault, createGrpcRoomAvailability, createGrpcRoomQuotes } from './grpc-participants.ts';
import { createRoomsHandler } from './rooms-handler.ts';
import { loadBookingConfig, SHUTDOWN_DEADLINE_MARGIN_MS } from './config.ts';
import { sweepOnce } from './deadline-sweeper.ts';
import { createReplyHandlers, isTransientReplyError } from './reply-handler.ts';
import { createSagaRunner } from './saga-runner.ts';
import { createMysqlBookingStore } from './mysql-booking-store.ts';
import { createMysqlSagaRepository } from './mysql-saga-repository.ts';

const config = loadConfigOrExit(() => loadBookingConfig(process.env), 'booking');
const log = createLogger({ service: config.serviceName }, { level: config.logLevel });

const pool = createServicePool(config.mysql);

const store = createMysqlBookingStore(pool);
const repository = createMysqlSagaRepository(pool);
const runner = createSagaRunner({ repository, timeouts: config.timeouts });
const grpc = { baseUrl: config.grpcUrl, timeoutMs: config.grpcDeadlineMs };
const drain = drainSwitch();
const handlers = createBookingHandlers({
  store,
  quotes: createGrpcRoomQuotes(grpc),
  cards: createGrpcCardVault(grpc),
  runner,
  timeouts: config.timeouts,
  dummyPinHash: await dummyPinHash(),
  newId: randomUUID,
});
const app = buildBookingApp({
  handlers,
  rooms: createRoomsHandler({ rooms: createGrpcRoomAvailability(grpc) }),
  serviceName: config.serviceName,
  corsOrigins: config.corsOrigins,
  log,
  isDraining: drain.isDraining,
  readiness: async () => {
    try {
      await store.ping();
      return { status: drain.isDraining() ? 503 : 200, body: { status: drain.isDraining() ? 'draining' : 'ok', database: 'ok' } };
    } catch {
      return { status: 503, body: { status: 'degraded', database: 'unreachable' } };
    }
  },
});

const stopping = new AbortController();
const sweeper = runPeriodically({
  pass: async () => (await sweepOnce({ repository, runner, log })).moved,
  what: 'sagas past their step deadline moved on',
  intervalMs: config.sweepIntervalMs,
  sleep: (ms) => sleep(ms, stopping.signal),
  running: () => !stopping.signal.aborted,
  log,
});
// Old outbox and inbox rows go, a bounded batch a minute (kit/saga/message-retention.ts).
const pruning = runPeriodically({
  ...messagePruning(pool),
  sleep: (ms) => sleep(ms, stopping.signal),
  running: () => !stopping.signal.aborted,
  log,
});
const replies = createSagaConsumer({
  clientId: config.serviceName,
  brokers: config.kafka.brokers,
  ...(config.kafka.sasl ? { sasl: config.kafka.sasl } : {}),
  groupId: config.kafka.groupId,
  topics: config.kafka.replyTopics,
  dlqTopic: config.kafka.dlqTopic,
  handlers: createReplyHandlers(runner, log),
  isTransient: isTransientReplyError,
  log,
});
void replies.start().catch((error: unknown) => log.error('the reply consumer stopped', { error }));

await serve(app, {
  port: config.port,
  log,
  drain,
  drainTimeoutMs: config.drainTimeoutMs,
  hardDeadlineMs: config.drainTimeoutMs + SHUTDOWN_DEADLINE_MARGIN_MS,
  closeResources: async () => {
    stopping.abort();
    await Promise.allSettled([replies.stop(), sweeper, pruning]);
    await pool.end();
  },
  describe: { database: config.mysql.database, grpc: config.grpcUrl, timeouts: config.timeouts },
});
