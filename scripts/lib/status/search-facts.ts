/**
 * Gathers SearchFacts from the host: Elasticsearch and the database through their
 * published ports, Kafka through the host listener, the indexer's /healthz through
 * `compose exec` (its port is not published). Every fact is bounded by a timeout and
 * becomes `{ error }` when it cannot be known.
 */
import { Client } from '@elastic/elasticsearch';
import kafkajs from 'kafkajs';
import { fetchLag, readSearchIndexState, type SearchIndexNames } from '../../../services/search-indexer/contract.ts';
import type { StackNames } from '../config/stack-config.ts';
import type { ClientSettings } from '../platform-client/client-settings.ts';
import { openHotelRows } from '../platform-client/hotel-rows.ts';
import { errorText } from '../text.ts';
import type { IndexerHealth, Known, SearchFacts } from './search-report.ts';

export interface SearchFactSources {
  settings: ClientSettings;
  names: StackNames;
  search: SearchIndexNames;
  /** The body of the indexer's /healthz. */
  indexerHealth: () => Promise<string>;
  timeoutMs?: number;
}

export async function gatherSearchFacts(sources: SearchFactSources): Promise<SearchFacts> {
  const { settings, names, search } = sources;
  const timeoutMs = sources.timeoutMs ?? 4_000;
  const elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 0, requestTimeout: timeoutMs });
  const kafka = new kafkajs.Kafka({ clientId: 'npm-run-status', brokers: [settings.kafkaBroker], logLevel: kafkajs.logLevel.NOTHING, connectionTimeout: timeoutMs, retry: { retries: 2, initialRetryTime: 200 } });
  const admin = kafka.admin();
  const fact = <T>(get: () => Promise<T>) => settle(withTimeout(get(), timeoutMs));
  const connected = fact(() => admin.connect());
  try {
    const [index, documents, rows, lag, deadLetters, indexer] = await Promise.all([
      fact(() => readSearchIndexState(elastic, search)),
      fact(async () => (await elastic.count({ index: search.alias })).count),
      fact(async () => {
        const database = await openHotelRows(settings.mysql);
        try {
          return await database.count();
        } finally {
          await database.close();
        }
      }),
      connected.then(() => fact(() => fetchLag(admin, names.consumerGroup, names.cdcTopic))),
      connected.then(() =>
        fact(async () => (await admin.fetchTopicOffsets(names.dlqTopic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0)),
      ),
      // `compose exec` starts a process in the container: slower than a request on a busy machine.
      settle(withTimeout(sources.indexerHealth().then((body) => JSON.parse(body) as IndexerHealth), timeoutMs * 3)),
    ]);
    return { index, documents, rows, lag, deadLetters, indexer };
  } finally {
    await Promise.allSettled([admin.disconnect(), elastic.close()]);
  }
}

async function settle<T>(promise: Promise<T>): Promise<Known<T>> {
  try {
    return await promise;
  } catch (error) {
    return { error: errorText(error) };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The body of a raw HTTP/1.0 response (what bash's /dev/tcp gets inside the container). */
export function httpBody(response: string): string {
  const start = response.indexOf('\r\n\r\n');
  if (!/^HTTP\/1\.\d \d{3}/.test(response) || start < 0) throw new Error(`not an HTTP response: ${response.slice(0, 80)}`);
  return response.slice(start + 4);
}

/**
 * What `compose exec` runs in the indexer's container: bash's /dev/tcp, as its
 * healthcheck does, because the image has no curl and starting Node costs ~0.5 s.
 */
export const INDEXER_HEALTH_REQUEST = ['bash', '-c', "exec 3<>/dev/tcp/127.0.0.1/3001 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3"];
