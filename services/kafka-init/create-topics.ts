/**
 * kafka-init's work, its side effects as parameters: wait for the broker within a
 * deadline, list its topics, create the missing ones in one request. Idempotent: a topic
 * that exists is left alone (its settings included) and reported as present.
 */
import type { TopicSpec } from './contract.ts';

/** The part of kafkajs's admin client used here. */
export interface TopicAdmin {
  listTopics(): Promise<string[]>;
  createTopics(request: { topics: { topic: string; numPartitions: number; replicationFactor: number; configEntries: { name: string; value: string }[] }[]; waitForLeaders: boolean; timeout: number }): Promise<boolean>;
  disconnect(): Promise<void>;
}

export interface EnsureTopicsDeps {
  /** A connected admin client; throws while the broker does not answer. */
  connect: () => Promise<TopicAdmin>;
  broker: string;
  deadlineMs: number;
  retryEveryMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** One line per wait, so a slow broker shows in the log. */
  onWait: (error: unknown, attempt: number) => void;
}

export interface EnsureTopicsResult {
  created: string[];
  present: string[];
}

/** Which of `wanted` the broker lacks, in the list's order; the others are present. */
export function planTopics(wanted: TopicSpec[], existing: Iterable<string>): { create: TopicSpec[]; present: string[] } {
  const have = new Set(existing);
  return { create: wanted.filter((topic) => !have.has(topic.name)), present: wanted.filter((topic) => have.has(topic.name)).map((topic) => topic.name) };
}

/** A single broker: every topic has one replica. */
export const REPLICATION_FACTOR = 1;

/** How long the broker may take to create them and elect their leaders (kafkajs's default is 5 s). */
export const CREATE_TIMEOUT_MS = 30_000;

export function createRequest(topics: TopicSpec[]) {
  return {
    topics: topics.map((topic) => ({
      topic: topic.name,
      numPartitions: topic.partitions,
      replicationFactor: REPLICATION_FACTOR,
      configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
    })),
    // Done means usable: the services that wait for kafka-init subscribe right after.
    waitForLeaders: true,
    timeout: CREATE_TIMEOUT_MS,
  };
}

export async function ensureTopics(wanted: TopicSpec[], deps: EnsureTopicsDeps): Promise<EnsureTopicsResult> {
  const deadline = deps.now() + deps.deadlineMs;
  for (let attempt = 1; ; attempt++) {
    const { admin, existing } = await waitForBroker(deps, deadline);
    try {
      const { create, present } = planTopics(wanted, existing);
      // Another client may create one between the list and this request: kafkajs leaves an
      // existing topic alone (createTopics answers false), so the run stays idempotent.
      if (create.length > 0) await admin.createTopics(createRequest(create));
      return { created: create.map((topic) => topic.name), present };
    } catch (error) {
      // A broker that has just come up may not have its controller yet (a retriable
      // error in kafkajs's terms): list and create again. Anything else (a setting the
      // broker refuses) fails at once, with the broker's own message.
      if (!isRetriable(error) || deps.now() >= deadline) throw error;
      deps.onWait(error, attempt);
      await deps.sleep(Math.min(deps.retryEveryMs, Math.max(0, deadline - deps.now())));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/**
 * Retriable by kafkajs's own mark, looking through its wrappers: with no retries of its
 * own (main.ts), a NOT_CONTROLLER reaches here inside a KafkaJSNumberOfRetriesExceeded
 * (marked not retriable, the protocol error as its `cause`), and a per-topic one inside a
 * KafkaJSAggregateError (`errors`, no mark of its own).
 */
export function isRetriable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { retriable, cause, errors } = error as { retriable?: unknown; cause?: unknown; errors?: unknown };
  if (retriable === true) return true;
  if (Array.isArray(errors) && errors.length > 0) return errors.every((inner) => isRetriable(inner, depth + 1));
  return isRetriable(cause, depth + 1);
}

/** The broker's own words: a KafkaJSAggregateError's message is only "Topic creation errors"; each topic's reason is inside. */
export function describeError(error: unknown): string {
  const { errors } = (error ?? {}) as { errors?: unknown };
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map((inner) => `${(inner as { topic?: string }).topic ?? '?'}: ${inner instanceof Error ? inner.message : String(inner)}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

async function waitForBroker(deps: EnsureTopicsDeps, deadline: number): Promise<{ admin: TopicAdmin; existing: string[] }> {
  let lastError: unknown;
  for (let attempt = 1; ; attempt++) {
    let admin: TopicAdmin | undefined;
    try {
      admin = await deps.connect();
      return { admin, existing: await admin.listTopics() };
    } catch (error) {
      lastError = error;
      await admin?.disconnect().catch(() => undefined);
    }
    if (deps.now() >= deadline) break;
    deps.onWait(lastError, attempt);
    await deps.sleep(Math.min(deps.retryEveryMs, Math.max(0, deadline - deps.now())));
  }
  throw new Error(`the broker at ${deps.broker} did not answer within ${Math.round(deps.deadlineMs / 1000)} s; last error: ${describe(lastError)}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
