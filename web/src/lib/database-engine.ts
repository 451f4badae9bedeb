/**
 * The page names the database the stack runs (MySQL or MariaDB, DB_ENGINE) as
 * catalog-api reports it (GET /api/info), never a fixed name. Asked once per page
 * load; until the answer comes, or when the API cannot say, the page says "the database".
 */
import type { ApiInfo, DatabaseEngine } from './hotel.ts';

/** A lookup that asks once and shares the answer; a failed ask is tried again next time. */
export function createEngineLookup(load: () => Promise<ApiInfo>): () => Promise<DatabaseEngine | undefined> {
  let pending: Promise<DatabaseEngine | undefined> | undefined;
  return () => {
    pending ??= load().then(
      (info) => info.database.engine,
      () => {
        pending = undefined;
        return undefined;
      },
    );
    return pending;
  };
}

export function savedInSentence(engine: DatabaseEngine | undefined): string {
  return `It is saved in ${engine ?? 'the database'} and reaches search through Debezium and Kafka.`;
}

/** The change-data-capture path a new hotel takes to search. */
export function pipelineText(engine: DatabaseEngine | undefined): string {
  return `${engine ?? 'database'} → Debezium → Kafka → indexer → Elasticsearch`;
}
