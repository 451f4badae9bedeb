/**
 * Starts a task as soon as one service is ready, while `compose up --wait` still
 * waits for the rest: `up` registers the Debezium connector the moment Connect is
 * healthy instead of after the slowest service (issue 12: Connect was healthy at
 * 25 s, the indexer at 27.5 s, and only then did registration begin).
 *
 * `result()` is the task's outcome; when the service was never seen becoming ready
 * (it was already up, so Compose was skipped) the task starts then. A failure of an
 * early task is held until `result()` is awaited, never reported as unhandled.
 */
export interface ReadyTrigger<T> {
  onReady(service: string): void;
  result(): Promise<T>;
}

export function whenReady<T>(service: string, task: () => Promise<T>): ReadyTrigger<T> {
  let started: Promise<T> | undefined;
  const start = () => {
    started ??= task();
    // Held for result(): an early failure must not be an unhandled rejection meanwhile.
    started.catch(() => undefined);
    return started;
  };
  return {
    onReady: (ready) => {
      if (ready === service) start();
    },
    result: () => start(),
  };
}
