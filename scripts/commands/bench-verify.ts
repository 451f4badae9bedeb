/**
 * `npm run bench:verify [-- --rows N] [--runs R] [--yes]`: loads N rows (default
 * 100,000) into the database in one statement, waits until search has them all, then
 * times `verify` R times (default 3) over the whole table and prints each run, the
 * median and rows/s. The rows are deleted afterwards and the deletes waited for.
 */
import { parseArgs } from '../lib/args.ts';
import { summarize } from '../lib/bench/latency-stats.ts';
import { UserError } from '../lib/errors.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { isClean } from '../lib/verify/compare-streams.ts';
import { verifyStack } from '../lib/verify/verify-stack.ts';
import { count, rowsPerSecond, withBenchRows } from '../lib/bench/bench-rows-session.ts';
import { parseRows } from './bench-throughput.ts';

const usage = 'npm run bench:verify -- [--rows N] [--runs R] [--yes]   (N from 1 to 1000000, default 100000; R from 1 to 20, default 3)';

export async function run(args: string[]): Promise<number> {
  const { flags } = parseArgs(args, { boolean: ['yes'], string: ['rows', 'runs'] }, usage);
  const rows = parseRows(flags.rows, usage);
  const runs = Number(flags.runs ?? 3);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new UserError(`--runs must be 1 to 20, got ${flags.runs}`, usage);
  const out = createOutput();
  const settings = loadClientSettings().settings;
  const session = { settings, rows, yes: flags.yes === true, out, purpose: 'the verify benchmark' };
  return withBenchRows(session, async (loaded) => {
    out.line(`${count(rows)} rows searchable ${loaded.searchableSeconds.toFixed(1)} s after the commit (${rowsPerSecond(rows, loaded.searchableSeconds)} rows/s)`);
    const seconds: number[] = [];
    let table = 0;
    for (let run = 1; run <= runs; run++) {
      const report = await verifyStack(settings, { limit: 10 });
      if (!isClean(report.comparison)) out.line(out.yellow(`run ${run}: verify found drift; timed all the same (\`npm run verify\` lists it)`));
      table = report.comparison.rows;
      seconds.push(report.seconds);
      out.line(`verify run ${run}/${runs}: ${count(table)} rows against ${count(report.comparison.documents)} documents in ${report.seconds.toFixed(2)} s`);
    }
    const { median, min, max } = summarize(seconds);
    out.line(`verify: ${count(table)} rows, median ${median.toFixed(2)} s (min ${min.toFixed(2)}, max ${max.toFixed(2)}) over ${runs} run(s): ${rowsPerSecond(table, median)} rows/s`);
    return 0;
  });
}
