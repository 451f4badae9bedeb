/**
 * Polls a check until it passes or the deadline is reached, then fails with the
 * name of what was awaited and the last thing seen. Used instead of sleeps: the
 * test waits exactly as long as the system needs, and no longer than its bound.
 */
export async function eventually<T>(
  name: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'never checked';
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      last = 'condition not met';
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${name}: not true after ${timeoutMs} ms; last seen: ${String(last)}`);
}
