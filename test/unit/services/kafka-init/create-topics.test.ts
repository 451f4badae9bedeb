/** kafka-init (services/kafka-init): which topics it creates, how, and how it waits for the broker. */
import { describe, expect, it } from 'vitest';

/** kafkajs's protocol error for a broker's error code, with its retriable mark as kafkajs's table has it. */
function protocolError(type: 'NOT_CONTROLLER' | 'INVALID_CONFIG', topic?: string): KafkaJSProtocolError {
  const known = { NOT_CONTROLLER: { code: 41, retriable: true }, INVALID_CONFIG: { code: 40, retriable: false } }[type];
  const error = new KafkaJSProtocolError(Object.assign(new Error(`the broker answered ${type}`), { type, ...known }));
  return topic === undefined ? error : Object.assign(error, { topic });
}
import { KafkaJSAggregateError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { parseTopicsVariable, resolveTopicList, type TopicSpec } from '../../../../services/kafka-init/contract.ts';
import { CREATE_TIMEOUT_MS, createRequest, describeError, ensureTopics, isRetriable, planTopics, type EnsureTopicsDeps, type TopicAdmin } from '../../../../services/kafka-init/create-topics.ts';

const cdc: TopicSpec = { name: 'cdc.mysql.booking.hotels', partitions: 3, config: { 'cleanup.policy': 'delete', 'retention.ms': '604800000' } };
const configs: TopicSpec = { name: 'connect-configs', partitions: 1, config: { 'cleanup.policy': 'compact' } };
const dlq: TopicSpec = { name: 'dlq', partitions: 1, config: {} };

/** An admin client over a fake broker that holds `existing`; `failures` connects fail first. */
function fakeBroker(existing: string[], failures = 0) {
  const topics = new Set(existing);
  const requests: Parameters<TopicAdmin['createTopics']>[0][] = [];
  let connects = 0;
  let disconnects = 0;
  const connect = async (): Promise<TopicAdmin> => {
    connects++;
    if (connects <= failures) throw new Error(`Connection error: connect ECONNREFUSED (${connects})`);
    return {
      listTopics: async () => [...topics],
      createTopics: async (request) => {
        requests.push(request);
        for (const t of request.topics) topics.add(t.topic);
        return true;
      },
      disconnect: async () => void disconnects++,
    };
  };
  return { connect, topics, requests, counts: () => ({ connects, disconnects }) };
}

function deps(connect: EnsureTopicsDeps['connect'], deadlineMs = 10_000): EnsureTopicsDeps & { waits: number[] } {
  let clock = 0;
  const waits: number[] = [];
  return {
    connect,
    broker: 'kafka:29092',
    deadlineMs,
    retryEveryMs: 1_000,
    now: () => clock,
    sleep: async (ms) => void (clock += ms),
    onWait: (_error, attempt) => void waits.push(attempt),
    waits,
  };
}

describe('planTopics', () => {
  it('creates what the broker lacks, in the list order, and reports the rest as present', () => {
    expect(planTopics([cdc, configs, dlq], ['dlq', 'other', 'cdc.mysql.booking.hotels'])).toEqual({ create: [configs], present: ['cdc.mysql.booking.hotels', 'dlq'] });
    expect(planTopics([cdc, dlq], [])).toEqual({ create: [cdc, dlq], present: [] });
  });
});

describe('createRequest', () => {
  it('asks for every topic in one request: its partitions, one replica, its settings, leaders elected before it answers', () => {
    expect(createRequest([cdc, dlq])).toEqual({
      topics: [
        { topic: 'cdc.mysql.booking.hotels', numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'delete' }, { name: 'retention.ms', value: '604800000' }] },
        { topic: 'dlq', numPartitions: 1, replicationFactor: 1, configEntries: [] },
      ],
      waitForLeaders: true,
      timeout: CREATE_TIMEOUT_MS,
    });
  });
});

describe('ensureTopics', () => {
  it('creates the missing topics with one createTopics call and disconnects', async () => {
    const broker = fakeBroker(['connect-configs']);
    expect(await ensureTopics([cdc, configs, dlq], deps(broker.connect))).toEqual({ created: ['cdc.mysql.booking.hotels', 'dlq'], present: ['connect-configs'] });
    expect(broker.requests).toHaveLength(1);
    expect(broker.requests[0]!.topics.map((t) => t.topic)).toEqual(['cdc.mysql.booking.hotels', 'dlq']);
    expect(broker.counts()).toEqual({ connects: 1, disconnects: 1 });
  });

  it('is idempotent: a second run creates nothing and sends no create request', async () => {
    const broker = fakeBroker([]);
    await ensureTopics([cdc, configs], deps(broker.connect));
    expect(await ensureTopics([cdc, configs], deps(broker.connect))).toEqual({ created: [], present: ['cdc.mysql.booking.hotels', 'connect-configs'] });
    expect(broker.requests).toHaveLength(1);
  });

  it('waits for a broker that is still starting, one line per wait', async () => {
    const broker = fakeBroker([], 3);
    const d = deps(broker.connect);
    expect((await ensureTopics([dlq], d)).created).toEqual(['dlq']);
    expect(d.waits).toEqual([1, 2, 3]);
  });

  it('gives up at the deadline, naming the broker and the last error', async () => {
    const broker = fakeBroker([], Number.POSITIVE_INFINITY);
    await expect(ensureTopics([dlq], deps(broker.connect, 5_000))).rejects.toThrow(
      /^the broker at kafka:29092 did not answer within 5 s; last error: Error: Connection error: connect ECONNREFUSED \(6\)$/,
    );
    expect(broker.topics.size).toBe(0);
  });

  it('lists and creates again after a retriable refusal (a broker without its controller yet)', async () => {
    const broker = fakeBroker([]);
    let refusals = 1;
    const notYet = async (): Promise<TopicAdmin> => {
      const admin = await broker.connect();
      return {
        ...admin,
        createTopics: async (request) => {
          // kafkajs's shape with no retries of its own: the protocol error inside KafkaJSNumberOfRetriesExceeded.
          if (refusals-- > 0) throw new KafkaJSNumberOfRetriesExceeded(protocolError('NOT_CONTROLLER'), { retryCount: 0, retryTime: 0 });
          return admin.createTopics(request);
        },
      };
    };
    const d = deps(notYet);
    expect((await ensureTopics([cdc], d)).created).toEqual(['cdc.mysql.booking.hotels']);
    expect(d.waits).toEqual([1]);
    expect(broker.counts()).toEqual({ connects: 2, disconnects: 2 });
  });

  it('fails, and still disconnects, when the broker refuses the create request', async () => {
    const broker = fakeBroker([]);
    let disconnected = false;
    const refusing = async (): Promise<TopicAdmin> => ({
      ...(await broker.connect()),
      createTopics: async () => Promise.reject(new Error('Invalid config value for resource')),
      disconnect: async () => void (disconnected = true),
    });
    await expect(ensureTopics([cdc], deps(refusing))).rejects.toThrow('Invalid config value');
    expect(disconnected).toBe(true);
  });
});

describe("kafkajs's errors", () => {
  it('sees NOT_CONTROLLER as retriable through the wrappers, and a refused setting as not', () => {
    const notController = protocolError('NOT_CONTROLLER');
    expect(isRetriable(new KafkaJSNumberOfRetriesExceeded(notController, { retryCount: 0, retryTime: 0 }))).toBe(true);
    expect(isRetriable(new KafkaJSAggregateError('Topic creation errors', [Object.assign(protocolError('NOT_CONTROLLER'), { topic: 'a' })]))).toBe(true);
    const invalid = protocolError('INVALID_CONFIG', 'dlq');
    expect(isRetriable(new KafkaJSAggregateError('Topic creation errors', [invalid]))).toBe(false);
    expect(describeError(new KafkaJSAggregateError('Topic creation errors', [invalid]))).toMatch(/^dlq: .+/);
  });
});

describe('the topic list', () => {
  it('fills each ${VARIABLE} name and leaves the comments out', () => {
    const file = { about: 'x', topics: [{ name: '${CDC_TOPIC}', partitions: 3, config: cdc.config, why: 'keyed by id' }, { name: 'dlq', partitions: 1 }] };
    expect(resolveTopicList(file, { CDC_TOPIC: cdc.name })).toEqual([cdc, dlq]);
  });

  it.each([
    [{ topics: [{ name: '${NOPE}', partitions: 1 }] }, /names \$\{NOPE\}, which the typed config does not derive/],
    [{ topics: [] }, /empty/],
    [{}, /has no "topics" list/],
    [{ topics: [{ name: 'a b', partitions: 1 }] }, /topic 1 \(a b\): the name must be/],
    [{ topics: [{ name: 'a', partitions: 0 }] }, /topic 1 \(a\): partitions must be a whole number/],
    [{ topics: [{ name: 'a', partitions: '3' }] }, /partitions must be a whole number/],
    [{ topics: [{ name: 'a', partitions: 1, config: { 'retention.ms': 1 } }] }, /config must map each setting to a text value/],
    [{ topics: [{ name: 'a', partitions: 1 }, { name: 'a', partitions: 2 }] }, /topic 2 \(a\): listed twice/],
  ])('refuses %j', (file, message) => {
    expect(() => resolveTopicList(file, {})).toThrow(message);
  });

  it('reads KAFKA_TOPICS as the orchestrator writes it, and says what is wrong with it', () => {
    expect(parseTopicsVariable(JSON.stringify([cdc, dlq]))).toEqual([cdc, dlq]);
    expect(() => parseTopicsVariable(undefined)).toThrow(/KAFKA_TOPICS is not set/);
    expect(() => parseTopicsVariable('[{')).toThrow(/KAFKA_TOPICS is not JSON/);
    expect(() => parseTopicsVariable(JSON.stringify([{ name: '${CDC_TOPIC}', partitions: 1 }]))).toThrow(/the name must be/);
  });
});
