/**
 * One Idempotency-Key per booking attempt. A double-click, a retry after a network error or
 * a 503 sends the same body, so it gets the same key and the service answers with the same
 * booking; a changed form is a new attempt (the service refuses a key reused for another
 * body with 422), so it gets a new key. The random source is a parameter for the tests.
 */
export interface AttemptKeys {
  /** The key for this body: the previous one when the body is the same, else a fresh one. */
  keyFor(body: unknown): string;
}

export function createAttemptKeys(newKey: () => string = () => crypto.randomUUID()): AttemptKeys {
  let last: { body: string; key: string } | undefined;
  return {
    keyFor(body) {
      const text = JSON.stringify(body);
      if (last?.body !== text) last = { body: text, key: newKey() };
      return last.key;
    },
  };
}
