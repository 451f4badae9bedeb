/**
 * `npm run bench:verify -- [--rows N] [--runs R] [--yes]`: loads N rows (default
 * 100,000) into the database in one statement, waits until search has them all, then
 * times `verify` R times (default 3) over the whole table and prints each run, the
 * median and rows/s. The rows are deleted afterwards and the deletes waited for.
 */
import { summarize } from '../lib/bench/latency-stats.ts';
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { isClean } from '../lib/verify/compare-streams.ts';
import { verifyStack } from '../lib/verify/verify-stack.ts';
import { benchRowsRule, count, rowsPerSecond, withBenchRows } from '../lib/bench/bench-rows-session.ts';

const usage = 'npm run bench:verify -- [--rows N] [--runs R] [--yes]   (N from 1 to 1000000, default 100000; R from 1 to 20, default 3)';

export const command = defineCommand({
  summary: 'times verify over N rows loaded in one statement (rows/s)',
  usage,
  options: {
    rows: { type: 'string', value: 'N', description: 'rows to load, 1 to 1000000 (default 100000)' },
    runs: { type: 'string', value: 'R', description: 'verify runs to time, 1 to 20 (default 3)' },
    yes: { type: 'boolean', description: 'go ahead on a database that holds your own hotels' },
  },
  run: async ({ values }) =>
    benchVerify(wholeNumberOption(values.rows, benchRowsRule, usage), wholeNumberOption(values.runs, { option: 'runs', min: 1, max: 20, fallback: 3 }, usage), values.yes === true),
});

async function benchVerify(rows: number, runs: number, yes: boolean): Promise<void> {
  const out = createOutput();
  const settings = loadClientSettings().settings;
  const session = { settings, rows, yes, out, purpose: 'the verify benchmark' };
  await withBenchRows(session, async (loaded) => {
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
  });
}
