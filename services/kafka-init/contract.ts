/**
 * The topic list's shape, shared by the orchestrator and kafka-init. kafka/topics.json is
 * the single list: the orchestrator fills each `${VARIABLE}` name from the typed config
 * (resolveTopicList) and hands the result to kafka-init as one variable, KAFKA_TOPICS
 * (parseTopicsVariable); the Kubernetes generator reads the same resolved list.
 * Errors are plain Errors whose message says which entry and what is wrong.
 */

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Topic settings as Kafka names them (`retention.ms`), values as text. */
  config: Record<string, string>;
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** Kafka's own rule for a topic name. */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** kafka/topics.json, its `${VARIABLE}` names filled from `values` (an unknown one is an error, never an empty name). */
export function resolveTopicList(file: unknown, values: Record<string, string>, source = 'kafka/topics.json'): TopicSpec[] {
  const topics = (file as { topics?: unknown } | null)?.topics;
  if (!Array.isArray(topics)) throw new Error(`${source} has no "topics" list`);
  const filled = topics.map((entry: unknown, index) => {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return entry;
    return {
      ...(entry as object),
      name: name.replace(PLACEHOLDER, (_whole, key: string) => {
        const value = values[key];
        if (value === undefined) throw new Error(`${source}: topic ${index + 1} names \${${key}}, which the typed config does not derive (derivedVariables in scripts/lib/config/stack-config.ts)`);
        return value;
      }),
    };
  });
  return validateTopics(filled, source);
}

/** KAFKA_TOPICS as kafka-init receives it: the resolved list, as JSON. */
export function parseTopicsVariable(text: string | undefined, source = 'KAFKA_TOPICS'): TopicSpec[] {
  if (!text?.trim()) throw new Error(`${source} is not set (compose.yaml passes it; the orchestrator derives it from kafka/topics.json)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`);
  }
  return validateTopics(parsed, source);
}

/** Every entry a real topic: a Kafka name, a whole number of partitions, text settings; no name twice. */
export function validateTopics(list: unknown, source: string): TopicSpec[] {
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${source}: the topic list is empty or not a list`);
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const { name, partitions, config = {} } = (entry ?? {}) as { name?: unknown; partitions?: unknown; config?: unknown };
    const where = `${source}: topic ${index + 1}${typeof name === 'string' ? ` (${name})` : ''}`;
    if (typeof name !== 'string' || !TOPIC_NAME.test(name)) throw new Error(`${where}: the name must be 1-249 of A-Z a-z 0-9 . _ -`);
    if (seen.has(name)) throw new Error(`${where}: listed twice`);
    seen.add(name);
    if (typeof partitions !== 'number' || !Number.isInteger(partitions) || partitions < 1) throw new Error(`${where}: partitions must be a whole number of at least 1`);
    if (typeof config !== 'object' || config === null || Array.isArray(config) || !Object.values(config).every((value) => typeof value === 'string')) {
      throw new Error(`${where}: config must map each setting to a text value ("retention.ms": "604800000")`);
    }
    return { name, partitions, config: { ...(config as Record<string, string>) } };
  });
}
