/**
 * `npm run verify -- [--limit N] [--json] [--wait S]`: compares the database with the search
 * index (scripts/lib/verify/), the hotels and then date search's availability (the
 * inventory's room types and nights, issue 21), and fails (exit 1) when either differs.
 * A difference the pipeline is still carrying (straight after `up`, or a burst of writes)
 * is compared again for up to S seconds before it counts (catch-up.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { driftError, formatReport } from '../lib/verify/verify-report.ts';
import { availabilityClean, formatAvailabilityReport } from '../lib/verify/verify-availability.ts';
import { searchClean, searchVerifyJson, verifySearch, type SearchVerifyReport } from '../lib/verify/verify-search.ts';
import { compareUntilCaughtUp } from '../lib/verify/catch-up.ts';
import { indexerPosition, indexerSubscriptions } from '../lib/verify/indexer-backlog.ts';
import { ChecksFailed } from '../lib/errors.ts';

const usage = 'npm run verify -- [--limit N] [--json] [--wait S]   (N ids listed per kind, 0 to 10000, default 10; S seconds search may take to catch up, 0 to 600, default 60)';

/** Between two comparisons: long enough for a snapshot still being read to move the counts. */
const RECHECK_MS = 2_000;

export const command = defineCommand({
  summary: 'compares the database with the search index (exit 1 on drift)',
  usage,
  options: {
    limit: { type: 'string', value: 'N', description: 'ids listed per kind of drift, 0 to 10000 (default 10)' },
    json: { type: 'boolean', description: 'print the report as JSON' },
    wait: { type: 'string', value: 'S', description: 'seconds a difference the pipeline is still carrying may take to reach search, 0 to 600 (default 60)' },
  },
  run: async ({ values }) =>
    verify(
      wholeNumberOption(values.limit, { option: 'limit', min: 0, max: 10_000, fallback: 10 }, usage),
      values.json === true,
      wholeNumberOption(values.wait, { option: 'wait', min: 0, max: 600, fallback: 60 }, usage),
    ),
});

async function verify(limit: number, json: boolean, waitSeconds: number): Promise<void> {
  const { settings, stack } = loadClientSettings();
  // Progress goes to stderr: with --json, stdout holds the one object only.
  const progress = createOutput({ stream: process.stderr });
  const outcome = await compareUntilCaughtUp<SearchVerifyReport>({
    compare: () => verifySearch(settings, { limit }),
    clean: searchClean,
    fingerprint: ({ hotels, availability }) => JSON.stringify([hotels.comparison, availability.comparison]),
    position: indexerPosition(settings.kafkaBroker, indexerSubscriptions(stack)),
    waitMs: waitSeconds * 1000,
    recheckMs: RECHECK_MS,
    now: () => performance.now(),
    sleep: (ms) => sleep(ms),
    onWait: ({ behind, waitedMs }) =>
      progress.line(`search differs from the databases${behind ? ` and the indexer has ${behind} changes still to take` : ''}; comparing again in ${RECHECK_MS / 1000} s (waited ${(waitedMs / 1000).toFixed(0)} of ${waitSeconds} s)`),
  });
  const { hotels: report, availability } = outcome.report;
  const out = createOutput();
  if (json) {
    out.line(JSON.stringify(searchVerifyJson(outcome.report), null, 2));
  } else {
    out.line(formatReport(report, limit));
    out.line();
    out.line(formatAvailabilityReport(availability, limit));
  }
  if (outcome.state === 'stalled') {
    throw new ChecksFailed(
      `search differs from the databases and the search-indexer is not taking its ${outcome.behind} waiting changes (none taken in ${RECHECK_MS / 1000} s; listed above)`,
      '`npm run status` shows whether the search-indexer runs; `npm run logs search-indexer` says why it stopped; `npm run up` starts it again',
    );
  }
  if (outcome.state === 'catching-up') {
    const behind = outcome.behind ? `the indexer still had ${outcome.behind} changes to take` : 'the difference was still changing';
    throw new ChecksFailed(
      `search was still catching up with the databases when verify stopped waiting (${(outcome.waitedMs / 1000).toFixed(0)} s; ${behind}; listed above)`,
      'run `npm run verify` again in a moment, or give it longer with `-- --wait 300`; `npm run status` shows the indexer and its lag',
    );
  }
  const drift = driftError(report);
  if (drift) throw drift;
  if (!availabilityClean(availability.comparison)) {
    throw new ChecksFailed(`date search has drifted from the inventory (${availability.seconds.toFixed(1)} s; listed above)`, 'npm run reindex rebuilds the hotels and the availability index from the databases');
  }
}
