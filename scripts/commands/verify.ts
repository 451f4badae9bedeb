/**
 * `npm run verify -- [--limit N] [--json]`: compares the database with the search
 * index (scripts/lib/verify/) and fails (exit 1) when they differ.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { driftError, formatReport, reportJson } from '../lib/verify/verify-report.ts';
import { verifyStack } from '../lib/verify/verify-stack.ts';

const usage = 'npm run verify -- [--limit N] [--json]   (N ids listed per kind, 0 to 10000, default 10)';

export const command = defineCommand({
  summary: 'compares the database with the search index (exit 1 on drift)',
  usage,
  options: {
    limit: { type: 'string', value: 'N', description: 'ids listed per kind of drift, 0 to 10000 (default 10)' },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  run: async ({ values }) => verify(wholeNumberOption(values.limit, { option: 'limit', min: 0, max: 10_000, fallback: 10 }, usage), values.json === true),
});

async function verify(limit: number, json: boolean): Promise<void> {
  const report = await verifyStack(loadClientSettings().settings, { limit });
  const out = createOutput();
  out.line(json ? JSON.stringify(reportJson(report), null, 2) : formatReport(report, limit));
  const drift = driftError(report);
  if (drift) throw drift;
}
