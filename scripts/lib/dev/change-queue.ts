/**
 * Saved files, gathered into batches: an editor's save is several events (a write, a
 * rename, the same file twice), and a save of three files is one change. A batch is
 * handed out once no event came for `quietMs`; events that come while a batch is being
 * reloaded wait for the next. The batch carries the time of its first event: the save
 * that `npm run dev`'s "reloaded in" line counts from.
 */
import { untilInterrupted } from '../interrupts.ts';
import type { Clock } from '../wait/clock.ts';

export interface ChangeBatch {
  savedAt: number;
  paths: string[];
}

export class ChangeQueue {
  private paths = new Set<string>();
  private firstAt = 0;
  private lastAt = 0;
  private arrived: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly quietMs = 40,
  ) {}

  add(path: string): void {
    const now = this.clock.now();
    if (this.paths.size === 0) this.firstAt = now;
    this.lastAt = now;
    this.paths.add(path);
    this.arrived?.();
  }

  /** The next batch, once it has been quiet for `quietMs`; rejects when the signal aborts. */
  async next(signal?: AbortSignal): Promise<ChangeBatch> {
    while (this.paths.size === 0) {
      await untilInterrupted(new Promise<void>((resolve) => (this.arrived = resolve)), signal);
      this.arrived = undefined;
    }
    for (let quiet = this.clock.now() - this.lastAt; quiet < this.quietMs; quiet = this.clock.now() - this.lastAt) {
      await untilInterrupted(this.clock.sleep(this.quietMs - quiet), signal);
    }
    const batch = { savedAt: this.firstAt, paths: [...this.paths].sort() };
    this.paths = new Set();
    return batch;
  }
}
