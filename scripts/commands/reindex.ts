/**
 * `npm run reindex`: rebuilds the search index from the database while search keeps
 * answering, then points the `hotels-<DB_ENGINE>` alias at it (scripts/lib/reindex/plan-reindex.ts
 * has the steps and why they keep every write); then date search's `availability-<DB_ENGINE>`
 * the same way from the inventory database (availability-reindex.ts, issue 21). Safe to
 * interrupt and run again: the next run reuses or drops what this one left behind.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { UserError } from '../lib/errors.ts';
import { reindexSearch } from '../lib/reindex/reindex-search.ts';
import { errorText } from '../lib/text.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: 'rebuilds the search indices (hotels, availability) from the databases while search keeps answering, then swaps the aliases',
  usage: 'npm run reindex',
  options: {},
  run: () => reindex(),
});

async function reindex(): Promise<void> {
  const out = createOutput();
  const { stack } = requireConfig();
  try {
    await reindexSearch(stack, {
      report: (step) => out.line(`· ${step}`),
      onPage: (progress) => out.status(`  ${progress.rows} rows read, ${progress.written} written, ${progress.newerInIndex} already written by the indexer`),
      onIndexed: (kind, result, seconds) => {
        const copied = kind === 'hotels' ? `${result.backfill.rows} rows copied from the database` : `${result.backfill.rows} room types and nights copied from the inventory`;
        const alias = kind === 'hotels' ? stack.names.searchIndex : stack.availability.search.alias;
        out.line(out.green(`✔ ${alias} → ${result.target}: ${copied} in ${seconds.toFixed(1)} s; `) + `${result.documents} documents searchable (${result.backfill.newerInIndex} were already written by the indexer)`);
      },
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `reindex stopped: ${errorText(error)}`,
      'check `npm run status` (Elasticsearch and the database must be up), then run `npm run reindex` again: it resumes with the index this run left',
      { cause: error },
    );
  }
}
