/**
 * A saga participant's side, run beside its gRPC side (runRpcService's `alsoRun`):
 * the consumer of its commands topic, and its background passes (each repeated on its
 * interval until the service stops). Its configuration is read first, so a missing
 * name ends the service with every problem said at once.
 */
import { loadConfigOrExit } from '../load-config-or-exit.ts';
import type { Logger } from '../logger.ts';
import { runPeriodically } from '../periodic.ts';
import { sleep } from '../retry.ts';
import { createSagaConsumer } from './run-saga-consumer.ts';
import type { SagaHandler } from './saga-chunk.ts';
import { loadSagaConsumerConfig, type TimingSpec } from './saga-consumer-config.ts';

export interface BackgroundPass {
  what: string;
  pass: () => Promise<number>;
  intervalMs: number;
}

export interface ParticipantOptions {
  service: string;
  log: Logger;
  commandsTopicVariable: string;
  timings: TimingSpec[];
  /** Given the timings read (by variable), the handlers of each command type and the background passes. */
  build: (timings: Record<string, number>) => { handlers: Record<string, SagaHandler>; background: BackgroundPass[] };
}

/** Starts the participant; resolves at once with the function that stops it. */
export async function runSagaParticipant({ service, log, commandsTopicVariable, timings, build }: ParticipantOptions): Promise<() => Promise<void>> {
  const config = loadConfigOrExit(() => loadSagaConsumerConfig(process.env, commandsTopicVariable, timings), service);
  const stopping = new AbortController();
  const { handlers, background } = build(config.timings);
  const consumer = createSagaConsumer({
    clientId: service,
    brokers: config.kafkaBrokers,
    ...(config.kafkaSasl ? { sasl: config.kafkaSasl } : {}),
    groupId: config.consumerGroup,
    topics: [config.commandsTopic],
    dlqTopic: config.dlqTopic,
    handlers,
    log,
  });
  const loops = background.map((pass) =>
    runPeriodically({ ...pass, sleep: (ms) => sleep(ms, stopping.signal), running: () => !stopping.signal.aborted, log }),
  );
  // Not awaited: it waits for Kafka as long as Kafka is away, and a SIGTERM meanwhile must still stop it.
  const consuming = consumer.start().catch((error: unknown) => log.error('saga consumer failed to start', { error }));
  return async () => {
    stopping.abort();
    await Promise.allSettled([consumer.stop().then(() => consuming), ...loops]);
  };
}
