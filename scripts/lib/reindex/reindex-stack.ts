/**
 * Runs the reindex against the running stack with the real clients (Elasticsearch by
 * its URL, the database through mysql2), both from the typed config. `npm run reindex`
 * and the console's Reindex action share it, so both rebuild the index the same way.
 */
import { Client } from '@elastic/elasticsearch';
import { UserError } from '../errors.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { clientSettings } from '../platform-client/client-settings.ts';
import { errorText } from '../text.ts';
import type { BackfillProgress } from './backfill.ts';
import { openHotelRows } from '../platform-client/hotel-rows.ts';
import { elasticsearchStore } from './elasticsearch-store.ts';
import { runReindex, type ReindexResult } from './run-reindex.ts';

export interface ReindexStackOptions {
  report: (step: string) => void;
  onPage?: (progress: BackfillProgress) => void;
}

export async function reindexStack(stack: StackConfig, { report, onPage }: ReindexStackOptions): Promise<ReindexResult> {
  const settings = clientSettings(stack);
  const names = stack.names.search;
  const elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 2, requestTimeout: 60_000 });
  const rows = await openHotelRows(settings.mysql).catch(async (error: unknown) => {
    await elastic.close();
    throw new UserError(`the database at 127.0.0.1:${settings.mysql.port} is not reachable: ${errorText(error)}`, 'start the stack with `npm run up`');
  });
  try {
    return await runReindex({
      store: elasticsearchStore(elastic, names),
      readPage: rows.readPage,
      maxId: rows.maxId,
      names,
      refreshInterval: stack.searchRefreshInterval,
      report,
      ...(onPage ? { onPage } : {}),
    });
  } finally {
    await Promise.allSettled([rows.close(), elastic.close()]);
  }
}
