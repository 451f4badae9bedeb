/**
 * Runs verify against the running stack: the database through mysql2 on MYSQL_PORT,
 * the index by its read name through @elastic/elasticsearch on ELASTICSEARCH_PORT,
 * both from the typed config (client-settings.ts). `npm run verify` and the
 * benchmark share it.
 */
import { Client } from '@elastic/elasticsearch';
import mysql, { type Connection } from 'mysql2/promise';
import { UserError } from '../errors.ts';
import type { ClientSettings } from '../platform-client/client-settings.ts';
import { errorText } from '../text.ts';
import { compareStreams } from './compare-streams.ts';
import { readDatabaseRows } from './database-rows.ts';
import { readIndexDocuments } from './index-documents.ts';
import type { VerifyReport } from './verify-report.ts';

export interface VerifyOptions {
  limit: number;
  /** Rows or documents per page on each side: at most Elasticsearch's index.max_result_window (10,000 by default). */
  pageSize?: number;
}

export async function verifyStack(settings: ClientSettings, { limit, pageSize = 10_000 }: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 0, requestTimeout: 30_000 });
  let connection: Connection | undefined;
  try {
    connection = await mysql.createConnection({ ...settings.mysql, connectTimeout: 3_000 }).catch((error: unknown) => {
      throw databaseError(settings, error);
    });
    const index = settings.searchIndex;
    const indexExists = await elastic.indices.exists({ index }).catch((error: unknown) => {
      throw elasticsearchError(settings, error);
    });
    // One snapshot of the database for every page: a row changing mid-run is not seen twice or half.
    await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const comparison = await compareStreams(
      readDatabaseRows(connection, pageSize),
      indexExists ? readIndexDocuments(elastic, index, pageSize) : noDocuments(),
      { limit },
    ).catch((error: unknown) => {
      throw error instanceof UserError ? error : 'sqlMessage' in Object(error) ? databaseError(settings, error) : elasticsearchError(settings, error);
    });
    return { index, indexExists, database: settings.mysql.database, comparison, seconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.allSettled([connection?.end(), elastic.close()]);
  }
}

async function* noDocuments(): AsyncGenerator<never, void, undefined> {}

function databaseError(settings: ClientSettings, error: unknown): UserError {
  const { host, port, user } = settings.mysql;
  const code = (error as { code?: string }).code;
  if (code === 'ER_ACCESS_DENIED_ERROR') {
    return new UserError(`the database at ${host}:${port} refused user ${user}: ${errorText(error)}`, 'MYSQL_USER and MYSQL_PASSWORD in .env must be the ones the database was created with (`npm run reset` starts it afresh)', { cause: error });
  }
  return new UserError(`the database at ${host}:${port} is not reachable: ${code ?? errorText(error)}`, 'start the stack with `npm run up` (`npm run status` shows what runs)', { cause: error });
}

function elasticsearchError(settings: ClientSettings, error: unknown): UserError {
  return new UserError(`Elasticsearch at ${settings.elasticsearchUrl} did not answer the read of ${settings.searchIndex}: ${errorText(error)}`, 'start the stack with `npm run up` (`npm run status` shows what runs)', { cause: error });
}
