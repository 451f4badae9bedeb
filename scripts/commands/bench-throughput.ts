/**
 * `npm run bench:throughput [-- --rows N] [--yes]`: commits N rows (default 100,000)
 * in one statement and times them until all are searchable, the whole pipeline
 * (binlog → Debezium → Kafka → indexer → Elasticsearch refresh); prints rows/s. The
 * rows are deleted afterwards and the deletes waited for.
 */
import { parseArgs } from '../lib/args.ts';
import { UserError } from '../lib/errors.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { count, rowsPerSecond, withBenchRows } from '../lib/bench/bench-rows-session.ts';

const usage = 'npm run bench:throughput -- [--rows N] [--yes]   (N from 1 to 1000000, default 100000; --yes: go ahead on a database with your own hotels)';

export function parseRows(value: string | true | undefined, usageText: string): number {
  const rows = Number(value ?? 100_000);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1_000_000) throw new UserError(`--rows must be a whole number from 1 to 1000000, got ${value}`, usageText);
  return rows;
}

export async function run(args: string[]): Promise<number> {
  const { flags } = parseArgs(args, { boolean: ['yes'], string: ['rows'] }, usage);
  const rows = parseRows(flags.rows, usage);
  const out = createOutput();
  const session = { settings: loadClientSettings().settings, rows, yes: flags.yes === true, out, purpose: 'the throughput benchmark' };
  const loaded = await withBenchRows(session, async (loaded) => loaded);
  out.line(`throughput: ${count(rows)} rows searchable ${loaded.searchableSeconds.toFixed(1)} s after the commit: ${rowsPerSecond(rows, loaded.searchableSeconds)} rows/s`);
  return 0;
}
