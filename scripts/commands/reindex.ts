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
import { reindexStack } from '../lib/reindex/reindex-stack.ts';
import { reindexAvailability } from '../lib/reindex/availability-reindex.ts';
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
  const alias = stack.names.searchIndex;
  const started = performance.now();
  try {
    const result = await reindexStack(stack, {
      report: (step) => out.line(`· ${step}`),
      onPage: (progress) => out.status(`  ${progress.rows} rows read, ${progress.written} written, ${progress.newerInIndex} already newer in the index`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out.line(
      out.green(`✔ ${alias} → ${result.target}: ${result.backfill.rows} rows copied from the database in ${seconds} s; `) +
        `${result.documents} documents searchable (${result.backfill.newerInIndex} were already written by the indexer)`,
    );
    const availabilityStarted = performance.now();
    const availability = await reindexAvailability(stack, {
      report: (step) => out.line(`· ${step}`),
      onPage: (progress) => out.status(`  ${progress.rows} rows read, ${progress.written} written, ${progress.newerInIndex} already written by the indexer`),
    });
    out.line(
      out.green(`✔ ${stack.availability.search.alias} → ${availability.target}: ${availability.backfill.rows} room types and nights copied from the inventory in ${((performance.now() - availabilityStarted) / 1000).toFixed(1)} s; `) +
        `${availability.documents} documents searchable (${availability.backfill.newerInIndex} were already written by the indexer)`,
    );
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `reindex stopped: ${errorText(error)}`,
      'check `npm run status` (Elasticsearch and the database must be up), then run `npm run reindex` again: it resumes with the index this run left',
      { cause: error },
    );
  }
}
