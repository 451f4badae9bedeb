/**
 * The console's Reindex action: one reindex at a time in the console's own process,
 * its steps and progress kept for the page to poll. Two at once would each create a
 * target and fight over the `hotels-<engine>` alias (plan-reindex.ts expects one run), so a
 * second start while one runs is refused, not queued. The run itself enters as a
 * parameter (reindex-stack.ts is the real one), so the rule is unit-tested without Docker.
 */
import type { BackfillProgress } from '../reindex/backfill.ts';
import type { ReindexResult } from '../reindex/run-reindex.ts';
import { errorText } from '../text.ts';

export interface ReindexRun {
  report: (step: string) => void;
  onPage: (progress: BackfillProgress) => void;
}

export interface ReindexState {
  running: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  steps: string[];
  progress: BackfillProgress | null;
  result: ReindexResult | null;
  error: string | null;
}

export type StartAnswer = { started: true; state: ReindexState } | { started: false; reason: string; state: ReindexState };

export function createReindexJob(run: (hooks: ReindexRun) => Promise<ReindexResult>, now: () => number = Date.now) {
  let state: ReindexState = { running: false, startedAt: null, finishedAt: null, steps: [], progress: null, result: null, error: null };
  let finished: Promise<void> = Promise.resolve();
  const iso = () => new Date(now()).toISOString();
  return {
    state: (): ReindexState => ({ ...state, steps: [...state.steps] }),
    start(): StartAnswer {
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
    /** Resolves when the current run (if any) has ended: tests and the console's close() wait on it. */
    settled: () => finished,
  };
}

export type ReindexJob = ReturnType<typeof createReindexJob>;
