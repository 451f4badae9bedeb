/** What `npm run verify:bookings` prints: one line per problem for people, or one JSON object for scripts. */
import { ChecksFailed } from '../errors.ts';
import { isBalanced, type BookProblem, type BooksCheck, type ProblemKind } from './check-books.ts';

export interface BooksReport {
  check: BooksCheck;
  staleAfterMs: number;
  seconds: number;
}

const RULES: Record<ProblemKind, string> = {
  'confirmed-capture': 'CONFIRMED without exactly one capture of its total',
  'confirmed-hold': 'CONFIRMED without its rooms',
  'cancelled-payment': 'CANCELLED with money still taken',
  'cancelled-hold': 'CANCELLED with rooms still held',
  'orphan-hold': 'a hold without a booking',
  'orphan-payment': 'a payment without a booking',
  'unfinished-saga': 'a saga that has not ended',
};

export function formatBooksReport({ check, seconds }: BooksReport): string {
  const { counts } = check;
  const summary = `${counts.bookings} bookings (${counts.confirmed} CONFIRMED, ${counts.cancelled} CANCELLED, ${counts.inFlight} in flight), ${counts.payments} payments, ${counts.holds} holds`;
  if (isBalanced(check)) return `${summary}\n✔ the books balance: every booking's money and rooms match its state (${seconds.toFixed(1)} s)`;
  return [summary, ...check.problems.map(problemLine)].join('\n');
}

export function problemLine(problem: BookProblem): string {
  const who = problem.number === undefined ? `booking id ${problem.bookingId}` : `booking ${problem.number}`;
  return `✖ ${who}: ${RULES[problem.kind]}: expected ${problem.expected}, found ${problem.found}`;
}

/** The stable JSON shape: `clean`, the counts, and every problem with its booking. */
export function booksJson({ check, staleAfterMs, seconds }: BooksReport) {
  return { clean: isBalanced(check), ...check.counts, staleAfterSeconds: staleAfterMs / 1000, problems: check.problems, seconds: Number(seconds.toFixed(3)) };
}

/** What the command fails with (exit 1) when a rule is broken: said once, under the list. */
export function unbalancedError({ check }: BooksReport): ChecksFailed | undefined {
  if (isBalanced(check)) return undefined;
  const n = check.problems.length;
  return new ChecksFailed(
    `the booking books do not balance: ${n} problem${n === 1 ? '' : 's'} (listed above)`,
    'read each booking\'s saga (its booking_steps) and the service logs (`npm run logs booking inventory payment`); a saga still running ends within its step deadlines',
  );
}
