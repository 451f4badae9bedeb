/**
 * `npm run reindex` for date search's index (issue 21): the same steps as the hotels'
 * (plan-reindex.ts: a new versioned index marked for the indexer, filled, swapped in
 * behind the alias in one request, the old one dropped), filled from the inventory
 * database (availability-backfill.ts) with the inventory's own account.
 */
import { Client } from '@elastic/elasticsearch';
import mysql from 'mysql2/promise';
import { availabilityDocumentId, availabilityIndexDefinition } from '../../../services/search-indexer/contract.ts';
import { readRoomNightRows, readRoomTypeRows } from '../availability/inventory-rows.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { UserError } from '../errors.ts';
import { clientSettings } from '../platform-client/client-settings.ts';
import { errorText } from '../text.ts';
import { backfillAvailability } from './availability-backfill.ts';
import type { BackfillProgress } from './backfill.ts';
import { elasticsearchStore } from './elasticsearch-store.ts';
import { runReindex, type ReindexResult } from './run-reindex.ts';

export async function reindexAvailability(stack: StackConfig, { report, onPage }: { report: (step: string) => void; onPage?: (progress: BackfillProgress) => void }): Promise<ReindexResult> {
  const settings = clientSettings(stack);
  const names = stack.availability.search;
  const account = settings.sagaMysql.inventory;
  const elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 2, requestTimeout: 60_000 });
  const connection = await mysql.createConnection({ ...account, connectTimeout: 3_000 }).catch(async (error: unknown) => {
    await elastic.close();
    throw new UserError(`the inventory database at 127.0.0.1:${account.port} is not reachable: ${errorText(error)}`, 'start the stack with `npm run up`');
  });
  try {
    return await runReindex({
      store: elasticsearchStore(elastic, names, availabilityIndexDefinition),
      readPage: async () => [],
      maxId: async () => 0,
      fill: (index) =>
        backfillAvailability(index, {
          roomTypes: () => readRoomTypeRows(connection),
          roomNights: () => readRoomNightRows(connection, 10_000),
          create: async (target, documents) => {
            const response = await elastic.bulk({ operations: documents.flatMap((document) => [{ create: { _index: target, _id: availabilityDocumentId(document) } }, document]) });
            return response.items.map((item) => {
              const result = item.create!;
              return { status: result.status, ...(result.error ? { error: `${result.error.type}: ${result.error.reason ?? ''}` } : {}) };
            });
          },
          ...(onPage ? { onPage } : {}),
        }),
      names,
      refreshInterval: stack.searchRefreshInterval,
      report,
    });
  } finally {
    await Promise.allSettled([connection.end(), elastic.close()]);
  }
}
