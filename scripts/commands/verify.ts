/**
 * `npm run verify [-- --limit N] [--json]`: compares the database with the search
 * index (scripts/lib/verify/) and exits 1 when they differ, 0 when they agree.
 */
import { parseArgs } from '../lib/args.ts';
import { UserError } from '../lib/errors.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { isClean } from '../lib/verify/compare-streams.ts';
import { formatReport, reportJson } from '../lib/verify/verify-report.ts';
import { verifyStack } from '../lib/verify/verify-stack.ts';

const usage = 'npm run verify -- [--limit N] [--json]   (N ids listed per kind, 0 to 10000, default 10)';

export function parseVerifyArgs(args: string[]): { limit: number; json: boolean } {
  const { flags, positionals } = parseArgs(args, { boolean: ['json'], string: ['limit'] }, usage);
  if (positionals.length > 0) throw new UserError(`unexpected argument ${positionals[0]}`, usage);
  const limit = Number(flags.limit ?? 10);
  if (!Number.isInteger(limit) || limit < 0 || limit > 10_000) throw new UserError(`--limit must be a whole number from 0 to 10000, got ${flags.limit}`, usage);
  return { limit, json: flags.json === true };
}

export async function run(args: string[]): Promise<number> {
  const { limit, json } = parseVerifyArgs(args);
  const report = await verifyStack(loadClientSettings().settings, { limit });
  const out = createOutput();
  out.line(json ? JSON.stringify(reportJson(report), null, 2) : formatReport(report, limit));
  return isClean(report.comparison) ? 0 : 1;
}
