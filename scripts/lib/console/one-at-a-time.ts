/**
 * An action the console runs at most once at a time, the request waiting for its
 * result (the golden-path trace: it writes a hotel and polls four stores for it). A
 * second call while one runs is refused with the reason, not queued: the page's button
 * can be pressed again once the answer is in, and a page or script calling in a loop
 * cannot pile up runs. The reindex, which outlasts a request, has its own job
 * (reindex-job.ts) with the same rule.
 */
export type RunAnswer<T> = { ran: true; value: T } | { ran: false; reason: string };

export function oneAtATime<T>(what: string, run: () => Promise<T>, now: () => number = Date.now): () => Promise<RunAnswer<T>> {
  let startedAt: string | undefined;
  return async () => {
    if (startedAt !== undefined) return { ran: false, reason: `${what} is already running (started ${startedAt}): wait for it to finish, then try again` };
    startedAt = new Date(now()).toISOString();
    try {
      return { ran: true, value: await run() };
    } finally {
      startedAt = undefined;
    }
  };
}
