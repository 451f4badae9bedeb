/**
 * `npm run verify -- [--limit N] [--json]`: compares the database with the search
 * index (scripts/lib/verify/), the hotels and then date search's availability (the
 * inventory's room types and nights, issue 21), and fails (exit 1) when either differs.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { driftError, formatReport } from '../lib/verify/verify-report.ts';
import { availabilityClean, formatAvailabilityReport } from '../lib/verify/verify-availability.ts';
import { searchVerifyJson, verifySearch } from '../lib/verify/verify-search.ts';
import { ChecksFailed } from '../lib/errors.ts';

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
  const { settings } = loadClientSettings();
  const both = await verifySearch(settings, { limit });
  const { hotels: report, availability } = both;
  const out = createOutput();
  if (json) {
    out.line(JSON.stringify(searchVerifyJson(both), null, 2));
  } else {
    out.line(formatReport(report, limit));
    out.line();
    out.line(formatAvailabilityReport(availability, limit));
  }
  const drift = driftError(report);
  if (drift) throw drift;
  if (!availabilityClean(availability.comparison)) {
    throw new ChecksFailed(`date search has drifted from the inventory (${availability.seconds.toFixed(1)} s; listed above)`, 'npm run reindex rebuilds the hotels and the availability index from the databases');
  }
}
