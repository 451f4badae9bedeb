/**
 * The console's Reindex action: one reindex at a time in the console's own process,
 * its steps and progress kept for the page to poll. Two at once would each create a
 * target and fight over the `hotels-<engine>` and `availability-<engine>` aliases
 * (plan-reindex.ts expects one run), so a second start while one runs is refused, not
 * queued. The run itself enters as a parameter (reindex-search.ts is the real one: both
 * indices, as `npm run reindex`), so the rule is unit-tested without Docker.
 */
import type { BackfillProgress } from '../reindex/backfill.ts';
import type { SearchReindexResult } from '../reindex/reindex-search.ts';
import { errorText } from '../text.ts';

export interface ReindexRun {
  report: (step: string) => void;
  onPage: (progress: BackfillProgress) => void;
}

/** R: what a finished run returns; the console's is both indices' (reindex-search.ts). */
export interface ReindexState<R = SearchReindexResult> {
  running: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  steps: string[];
  /** The page of the index being filled now: the hotels', then date search's. */
  progress: BackfillProgress | null;
  result: R | null;
  error: string | null;
}

export type StartAnswer<R = SearchReindexResult> = { started: true; state: ReindexState<R> } | { started: false; reason: string; state: ReindexState<R> };

export interface ReindexJob<R = SearchReindexResult> {
  state(): ReindexState<R>;
  start(): StartAnswer<R>;
  /** Resolves when the current run (if any) has ended: tests and the console's close() wait on it. */
  settled(): Promise<void>;
}

export function createReindexJob<R>(run: (hooks: ReindexRun) => Promise<R>, now: () => number = Date.now): ReindexJob<R> {
  let state: ReindexState<R> = { running: false, startedAt: null, finishedAt: null, steps: [], progress: null, result: null, error: null };
  let finished: Promise<void> = Promise.resolve();
  const iso = () => new Date(now()).toISOString();
  return {
    state: (): ReindexState<R> => ({ ...state, steps: [...state.steps] }),
    start(): StartAnswer<R> {
      if (state.running) {
        const step = state.steps.at(-1);
        return {
          started: false,
          reason: `a reindex is already running (started ${state.startedAt}${step ? `, now ${step}` : ''}): wait for it to finish; the search panel shows its progress`,
          state: { ...state },
        };
      }
      state = { running: true, startedAt: iso(), finishedAt: null, steps: [], progress: null, result: null, error: null };
      const hooks: ReindexRun = {
        report: (step) => void state.steps.push(step),
        onPage: (progress) => void (state.progress = { ...progress }),
      };
      // Not awaited by the request: a reindex of many rows outlasts any HTTP timeout; the page polls the state.
      finished = run(hooks).then(
        (result) => void (state = { ...state, running: false, finishedAt: iso(), result }),
        (error: unknown) => void (state = { ...state, running: false, finishedAt: iso(), error: errorText(error) }),
      );
      return { started: true, state: { ...state } };
    },
    settled: () => finished,
  };
}
