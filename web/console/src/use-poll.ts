/** Reads a panel now and every `intervalMs` after; a reading that fails keeps the error beside the last data. */
import * as React from 'react';

export interface Polled<T> {
  data: T | undefined;
  error: string | undefined;
  refresh: () => void;
}

export function usePoll<T>(load: () => Promise<T>, intervalMs: number, deps: React.DependencyList = []): Polled<T> {
  const [data, setData] = React.useState<T>();
  const [error, setError] = React.useState<string>();
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      load().then(
        (value) => {
          if (!current) return;
          setData(value);
          setError(undefined);
        },
        (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
      ).finally(() => {
        if (current) timer = setTimeout(run, intervalMs);
      });
    };
    run();
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, intervalMs]);
  return { data, error, refresh: () => setTick((n) => n + 1) };
}
