/**
 * A resource that is loaded once, later than the service's start: on its first use, or
 * when `start()` is called (after the server listens). A heavy client library whose
 * import is a large share of a service's start goes here, so a restarted service (every
 * reload of `npm run dev`) answers sooner; the first request that needs it waits for it.
 *
 * A failed load is not kept: the next use tries again, as a request to a dependency
 * that was away would.
 */
export interface Deferred<T> {
  /** The resource, loading it if no load is under way. */
  get(): Promise<T>;
  /** Starts loading in the background; a failure waits for the next `get()`. */
  start(): void;
  /** The resource if it has loaded, for closing it at shutdown without loading it then. */
  loaded(): T | undefined;
}

export function deferred<T>(load: () => Promise<T>): Deferred<T> {
  let pending: Promise<T> | undefined;
  let value: T | undefined;
  const get = (): Promise<T> => {
    pending ??= load().then(
      (loaded) => (value = loaded),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return {
    get,
    start: () => void get().catch(() => undefined),
    loaded: () => value,
  };
}
