/**
 * The names of the availability pipeline (issue 21, date search): the inventory
 * database's room types and nights → Debezium (`inventory-cdc-<engine>`) → Kafka → the
 * search-indexer → the `availability-<engine>` alias in Elasticsearch. Part of the one
 * typed config (stack-config.ts `availability`), handed to Compose as variables
 * (availabilityVariables), so compose.yaml, kafka-init, the connector template and the
 * services read a name and never spell it.
 *
 * Per engine like the catalog's pipeline (stack-config.ts StackNames): each engine has its
 * own volume, so a DB_ENGINE switch starts fresh topics, offsets and index for the new
 * database's inventory instead of mixing the two.
 */
import { searchIndexNames, type SearchIndexNames } from '../../../services/search-indexer/contract.ts';
import type { DbEngine } from './stack-config.ts';

/** The inventory tables date search needs: room types (capacity, price) and their nights (rooms free). */
export const AVAILABILITY_TABLES = ['room_types', 'room_nights'] as const;
export type AvailabilityTable = (typeof AVAILABILITY_TABLES)[number];

export interface AvailabilityNames {
  /** `inventory-cdc-<engine>`: captures only the tables above, with the capture account (SELECT only). */
  connector: string;
  /**
   * Debezium's topic.prefix, `availability.<engine>`: the change topics are
   * `<prefix>.<database>.<table>`. Not the catalog's `cdc.<engine>`: Debezium names its
   * metrics (JMX) by the prefix, and two connectors of one worker must not share them.
   */
  topicPrefix: string;
  topics: Record<AvailabilityTable, string>;
  /** `schema-history.inventory-cdc.<engine>`: the outbox connector of the same database has its own. */
  schemaHistoryTopic: string;
  /** `availability-indexer-<engine>`: the indexer's second consumer, beside the hotels' group. */
  consumerGroup: string;
  /** The alias `availability-<engine>` and its versioned indices, as the hotels' (search-index-names.ts). */
  search: SearchIndexNames;
}

/** The search alias's name before the engine. */
export const AVAILABILITY_INDEX_BASE = 'availability';

export function availabilityConfigOf(engine: DbEngine, inventoryDatabase: string): AvailabilityNames {
  const topicPrefix = `availability.${engine}`;
  return {
    connector: `inventory-cdc-${engine}`,
    topicPrefix,
    topics: { room_types: `${topicPrefix}.${inventoryDatabase}.room_types`, room_nights: `${topicPrefix}.${inventoryDatabase}.room_nights` },
    schemaHistoryTopic: `schema-history.inventory-cdc.${engine}`,
    consumerGroup: `availability-indexer-${engine}`,
    search: searchIndexNames(`${AVAILABILITY_INDEX_BASE}-${engine}`),
  };
}

/** The availability pipeline's names as Compose variables. */
export function availabilityVariables(names: AvailabilityNames): Record<string, string> {
  return {
    AVAILABILITY_CONNECTOR: names.connector,
    AVAILABILITY_TOPIC_PREFIX: names.topicPrefix,
    ROOM_TYPES_TOPIC: names.topics.room_types,
    ROOM_NIGHTS_TOPIC: names.topics.room_nights,
    AVAILABILITY_SCHEMA_HISTORY_TOPIC: names.schemaHistoryTopic,
    AVAILABILITY_CONSUMER_GROUP: names.consumerGroup,
    AVAILABILITY_INDEX: names.search.alias,
  };
}
