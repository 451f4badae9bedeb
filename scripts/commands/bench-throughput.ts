/**
 * `npm run bench:throughput -- [--rows N] [--yes]`: commits N rows (default 100,000)
 * in one statement and times them until all are searchable, the whole pipeline
 * (binlog → Debezium → Kafka → indexer → Elasticsearch refresh); prints rows/s. The
 * rows are deleted afterwards and the deletes waited for.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { benchRowsRule, count, rowsPerSecond, withBenchRows } from '../lib/bench/bench-rows-session.ts';

const usage = 'npm run bench:throughput -- [--rows N] [--yes]   (N from 1 to 1000000, default 100000; --yes: go ahead on a database with your own hotels)';

export const command = defineCommand({
  summary: 'N rows committed in one statement, timed until all are searchable (rows/s)',
  usage,
  options: {
    rows: { type: 'string', value: 'N', description: 'rows to commit, 1 to 1000000 (default 100000)' },
    yes: { type: 'boolean', description: 'go ahead on a database that holds your own hotels' },
  },
  run: async ({ values }) => throughput(wholeNumberOption(values.rows, benchRowsRule, usage), values.yes === true),
});

async function throughput(rows: number, yes: boolean): Promise<void> {
  const out = createOutput();
  const session = { settings: loadClientSettings().settings, rows, yes, out, purpose: 'the throughput benchmark' };
  const loaded = await withBenchRows(session, async (loaded) => loaded);
  out.line(`throughput: ${count(rows)} rows searchable ${loaded.searchableSeconds.toFixed(1)} s after the commit: ${rowsPerSecond(rows, loaded.searchableSeconds)} rows/s`);
}
