/**
 * Why `npm run verify` may compare more than once: search follows the databases through
 * CDC, so it is behind them for as long as a change is on its way. Straight after a cold
 * `npm run up`, Debezium's first snapshot of the inventory (thousands of nights) can still
 * be flowing into the index; a difference then is search catching up, not drift.
 *
 * So a difference is compared again while the pipeline moves: between two looks, Debezium
 * wrote to the indexer's topics (their end offsets grew), the indexer took changes from them
 * (its committed offsets grew), or the difference itself changed. Once a look finds nothing
 * moving, the difference is reported: as drift when the indexer has nothing left to take, as
 * a stalled indexer when it has changes waiting and takes none. When the wait runs out with
 * the pipeline still moving, it is reported as "still catching up".
 */

/** Where the indexer's topics and consumer groups stand: sums over every partition it reads. */
export interface PipelinePosition {
  /** Changes written to the topics, not yet taken by the indexer (its lag). */
  behind: number;
  /** The indexer's committed offsets. */
  taken: number;
  /** The topics' end offsets. */
  written: number;
}

export interface CatchUpDeps<R> {
  compare(): Promise<R>;
  clean(report: R): boolean;
  /** What a difference looks like, to tell a moving one from a standing one. */
  fingerprint(report: R): string;
  /** Where the pipeline stands; undefined when Kafka cannot say. */
  position(): Promise<PipelinePosition | undefined>;
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
  /** Nothing moves and nothing is left to take, yet search differs: drift. */
  | { state: 'drift'; report: R; comparisons: number; behind: number | undefined }
  /** The indexer has changes waiting and took none between two looks. */
  | { state: 'stalled'; report: R; comparisons: number; behind: number }
  /** Search still differed, and the pipeline still moved, when the wait ran out. */
  | { state: 'catching-up'; report: R; comparisons: number; behind: number | undefined; waitedMs: number };

interface Look {
  fingerprint: string;
  position: PipelinePosition | undefined;
}

/** Whether anything moved from one look to the next; unknown positions count as still. */
function moved(before: Look, after: Look): boolean {
  if (before.fingerprint !== after.fingerprint) return true;
  const [a, b] = [before.position, after.position];
  return a !== undefined && b !== undefined && (b.taken !== a.taken || b.written !== a.written);
}

/** Looks in a row that find an indexer with work waiting taking none, before it counts as stalled. */
export const STALLED_AFTER = 2;

export async function compareUntilCaughtUp<R>(deps: CatchUpDeps<R>): Promise<CatchUpOutcome<R>> {
  const started = deps.now();
  let report = await deps.compare();
  let comparisons = 1;
  let previous: Look | undefined;
  let stillLooks = 0;
  while (!deps.clean(report)) {
    const look: Look = { fingerprint: deps.fingerprint(report), position: await deps.position() };
    const behind = look.position?.behind;
    const still = previous !== undefined && !moved(previous, look);
    stillLooks = still ? stillLooks + 1 : 0;
    if (still && (behind ?? 0) === 0) return { state: 'drift', report, comparisons, behind };
    // Work waiting and none taken: twice in a row, so a slow bulk write to the index is not a stall.
    if (stillLooks >= STALLED_AFTER && behind !== undefined) return { state: 'stalled', report, comparisons, behind };
    const waitedMs = deps.now() - started;
    if (waitedMs + deps.recheckMs > deps.waitMs) {
      // Out of time: "catching up" only on evidence that the pipeline moves or has work waiting.
      const moving = (behind ?? 0) > 0 || (previous !== undefined && moved(previous, look));
      return moving ? { state: 'catching-up', report, comparisons, behind, waitedMs } : { state: 'drift', report, comparisons, behind };
    }
    deps.onWait({ behind, waitedMs });
    await deps.sleep(deps.recheckMs);
    previous = look;
    report = await deps.compare();
    comparisons += 1;
  }
  return { state: 'clean', report, comparisons };
}
