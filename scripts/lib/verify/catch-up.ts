/**
 * Why `npm run verify` may compare more than once: search follows the databases through
 * CDC, so it is behind them for as long as a change is on its way. Straight after a cold
 * `npm run up`, Debezium's first snapshot of the inventory (thousands of nights) can still
 * be flowing into the index; a difference then is search catching up, not drift.
 *
 * So a difference is compared again while the pipeline shows it is moving: the indexer's
 * consumer groups are behind their topics, or the difference changed since the last
 * comparison (a snapshot still being read into Kafka leaves no lag yet, but it moves the
 * counts). It is reported as drift once the pipeline is quiet (nothing behind, the same
 * difference twice in a row), or as "still catching up" when the wait runs out.
 */

export interface CatchUpDeps<R> {
  compare(): Promise<R>;
  clean(report: R): boolean;
  /** What a difference looks like, to tell a moving one from a standing one. */
  fingerprint(report: R): string;
  /** Changes the indexer has not taken from its topics yet; undefined when Kafka cannot say. */
  behind(): Promise<number | undefined>;
  /** How long to keep comparing, in ms; 0 compares once. */
  waitMs: number;
  /** The pause between two comparisons, in ms. */
  recheckMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Told before each pause: what is still behind, and how long verify has waited so far. */
  onWait(progress: { behind: number | undefined; waitedMs: number }): void;
}

export type CatchUpOutcome<R> =
  | { state: 'clean'; report: R; comparisons: number }
  /** The pipeline is quiet and search still differs: drift. */
  | { state: 'drift'; report: R; comparisons: number; behind: number | undefined }
  /** Search still differed, and was still moving, when the wait ran out. */
  | { state: 'catching-up'; report: R; comparisons: number; behind: number | undefined; waitedMs: number };

export async function compareUntilCaughtUp<R>(deps: CatchUpDeps<R>): Promise<CatchUpOutcome<R>> {
  const started = deps.now();
  let report = await deps.compare();
  let comparisons = 1;
  let previous: string | undefined;
  while (!deps.clean(report)) {
    const behind = await deps.behind();
    const fingerprint = deps.fingerprint(report);
    // Unknown lag (Kafka unreachable) counts as none: the standing difference decides.
    if (previous === fingerprint && (behind ?? 0) === 0) return { state: 'drift', report, comparisons, behind };
    const waitedMs = deps.now() - started;
    if (waitedMs + deps.recheckMs > deps.waitMs) {
      // Out of time: "catching up" only on evidence that the pipeline moves, else drift.
      const moving = (behind ?? 0) > 0 || (previous !== undefined && previous !== fingerprint);
      return moving ? { state: 'catching-up', report, comparisons, behind, waitedMs } : { state: 'drift', report, comparisons, behind };
    }
    deps.onWait({ behind, waitedMs });
    await deps.sleep(deps.recheckMs);
    previous = fingerprint;
    report = await deps.compare();
    comparisons += 1;
  }
  return { state: 'clean', report, comparisons };
}
