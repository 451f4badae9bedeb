/**
 * `npm run verify:bookings -- [--stale-after S] [--json]`: checks the booking saga's money
 * and rooms across the inventory, payments and bookings databases (scripts/lib/verify-bookings/)
 * and fails (exit 1) on any mismatch.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { createOutput } from '../lib/ui/output.ts';
import { booksJson, formatBooksReport, unbalancedError } from '../lib/verify-bookings/books-report.ts';
import { SAGA_STALE_AFTER_S } from '../lib/verify-bookings/stale-bound.ts';
import { verifyBooks } from '../lib/verify-bookings/verify-books.ts';

// The bound the console highlights by too (stale-bound.ts says why 120 s).
const DEFAULT_STALE_AFTER_S = SAGA_STALE_AFTER_S;
const usage = `npm run verify:bookings -- [--stale-after S] [--json]   (S: a saga not ended after S seconds is a problem, 1 to 86400, default ${DEFAULT_STALE_AFTER_S})`;

export const command = defineCommand({
  summary: "checks the booking saga's money and rooms across its three databases (exit 1 on any mismatch)",
  usage,
  options: {
    'stale-after': { type: 'string', value: 'S', description: `a booking neither CONFIRMED nor CANCELLED after S seconds is a problem (default ${DEFAULT_STALE_AFTER_S})` },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  run: async ({ values }) => {
    const staleAfterS = wholeNumberOption(values['stale-after'], { option: 'stale-after', min: 1, max: 86_400, fallback: DEFAULT_STALE_AFTER_S }, usage);
    const report = await verifyBooks(requireConfig().stack, staleAfterS * 1000);
    createOutput().line(values.json === true ? JSON.stringify(booksJson(report), null, 2) : formatBooksReport(report));
    const unbalanced = unbalancedError(report);
    if (unbalanced) throw unbalanced;
  },
});
