/**
 * `npm run reindex`: rebuilds the search index from the database while search keeps
 * answering, then points the `hotels` alias at it (scripts/lib/reindex/plan-reindex.ts
 * has the steps and why they keep every write). Safe to interrupt and run again: the
 * next run reuses or drops what this one left behind.
 */
import { Client } from '@elastic/elasticsearch';
import { searchIndexNames } from '../../services/lib/search-index-names.ts';
import { parseArgs } from '../lib/args.ts';
import { UserError } from '../lib/errors.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { openHotelRows } from '../lib/reindex/database-rows.ts';
import { elasticsearchStore } from '../lib/reindex/elasticsearch-store.ts';
import { runReindex } from '../lib/reindex/run-reindex.ts';
import { errorText } from '../lib/text.ts';
import { createOutput } from '../lib/ui/output.ts';

export async function run(args: string[]): Promise<number> {
  parseArgs(args, {}, 'npm run reindex');
  const out = createOutput();
  const { settings, values } = loadClientSettings();
  const names = searchIndexNames(settings.searchIndex);
  const elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 2, requestTimeout: 60_000 });
  const rows = await openHotelRows(settings.mysql).catch((error: unknown) => {
    throw new UserError(`the database at 127.0.0.1:${settings.mysql.port} is not reachable: ${errorText(error)}`, 'start the stack with `npm run up`');
  });
  const started = performance.now();
  try {
    const result = await runReindex({
      store: elasticsearchStore(elastic, names),
      readPage: rows.readPage,
      maxId: rows.maxId,
      names,
      refreshInterval: values.SEARCH_REFRESH_INTERVAL || '250ms',
      report: (step) => out.line(`· ${step}`),
      onPage: (progress) => out.status(`  ${progress.rows} rows read, ${progress.written} written, ${progress.newerInIndex} already newer in the index`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out.line(
      out.green(`✔ ${names.alias} → ${result.target}: ${result.backfill.rows} rows copied from the database in ${seconds} s; `) +
        `${result.documents} documents searchable (${result.backfill.newerInIndex} were already written by the indexer)`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `reindex stopped: ${errorText(error)}`,
      'check `npm run status` (Elasticsearch and the database must be up), then run `npm run reindex` again: it resumes with the index this run left',
      { cause: error },
    );
  } finally {
    await Promise.allSettled([rows.close(), elastic.close()]);
  }
}
