/**
 * Every panel answers the same way: its data, or what it cannot reach and why — the
 * page shows that in place of the data, so a stack that is partly down still renders.
 */
import { errorText } from '../text.ts';

export type Panel<T> = { ok: true; at: string; data: T } | { ok: false; at: string; unreachable: string };

export async function panel<T>(what: string, read: () => Promise<T>, now: () => number = Date.now): Promise<Panel<T>> {
  try {
    return { ok: true, at: new Date(now()).toISOString(), data: await read() };
  } catch (error) {
    return { ok: false, at: new Date(now()).toISOString(), unreachable: `${what}: ${errorText(error)}` };
  }
}

/** Concurrent callers share one call in flight: several browser tabs cost one `compose ps`. */
export function coalesce<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= read().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
