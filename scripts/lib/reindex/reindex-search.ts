/**
 * Both of `npm run reindex`'s rebuilds: the hotels' index (reindex-stack.ts), then date
 * search's availability index (availability-reindex.ts, issue 21). The command and the
 * console's Reindex action share it, so both rebuild the same indices the same way.
 */
import type { StackConfig } from '../config/stack-config.ts';
import { reindexAvailability } from './availability-reindex.ts';
import { reindexStack, type ReindexStackOptions } from './reindex-stack.ts';
import type { ReindexResult } from './run-reindex.ts';

export type SearchIndexKind = 'hotels' | 'availability';

export interface ReindexSearchOptions extends ReindexStackOptions {
  /** Each index once its alias points at the new one, with the seconds it took: the command prints a line per index. */
  onIndexed?: (kind: SearchIndexKind, result: ReindexResult, seconds: number) => void;
}

/** The hotels' result at the top, as the console's page read it before date search existed; date search's under `availability`. */
export type SearchReindexResult = ReindexResult & { availability: ReindexResult };

/** One after the other: the availability index is rebuilt only once the hotels' is swapped in, so a failure names one index. */
export async function reindexSearch(stack: StackConfig, { report, onPage, onIndexed }: ReindexSearchOptions): Promise<SearchReindexResult> {
  const hooks = { report, ...(onPage ? { onPage } : {}) };
  let started = performance.now();
  const hotels = await reindexStack(stack, hooks);
  onIndexed?.('hotels', hotels, (performance.now() - started) / 1000);
  started = performance.now();
  const availability = await reindexAvailability(stack, hooks);
  onIndexed?.('availability', availability, (performance.now() - started) / 1000);
  return { ...hotels, availability };
}
