/**
 * The platform's topics: kafka/topics.json, the single list, its `${VARIABLE}` names filled
 * from the typed config (derivedVariables). compose's kafka-init gets the resolved list as
 * one variable, KAFKA_TOPICS (kafkaTopicsVariable, through compose-env.ts), and the
 * Kubernetes generator makes one KafkaTopic per entry (k8s/context.ts).
 *
 * Why a variable and not the file baked into the services image: the names are filled here,
 * by the one typed config, and nowhere else (the container does not repeat the rule); the
 * list is not an image input, so editing it needs no rebuild and `npm run dev` ignores it;
 * and kafka-init gets one variable instead of one per topic name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTopicList, type TopicSpec } from '../../../services/kafka-init/contract.ts';
import { UserError } from '../errors.ts';
import { paths } from '../paths.ts';
import { derivedVariables, type StackConfig } from './stack-config.ts';

export type { TopicSpec };

export const TOPICS_FILE = 'kafka/topics.json';
export const topicsFilePath = join(paths.repoRoot, 'kafka', 'topics.json');

/** The file's text, resolved; a broken file is the developer's to fix, said as such. */
export function parseTopicsFile(text: string, values: Record<string, string>, file = TOPICS_FILE): TopicSpec[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file} is not JSON: ${(error as Error).message}`, `fix ${file} or restore it from git`);
  }
  try {
    return resolveTopicList(parsed, values, file);
  } catch (error) {
    throw new UserError((error as Error).message, `fix ${file}: each topic is { "name": "\${VARIABLE}", "partitions": n, "config": { "key": "value" }, "why": "..." }`);
  }
}

export function stackTopics(stack: StackConfig, read: (path: string) => string = (path) => readFileSync(path, 'utf8')): TopicSpec[] {
  return parseTopicsFile(read(topicsFilePath), derivedVariables(stack));
}

/** KAFKA_TOPICS: the resolved list, as kafka-init reads it (services/kafka-init/contract.ts). */
export function kafkaTopicsVariable(topics: TopicSpec[]): string {
  return JSON.stringify(topics);
}
