/**
 * The `lines` of the logs endpoint (`/api/services/<service>/logs?lines=N`): it becomes
 * `docker compose logs --tail N`, where a negative number means the whole log. A
 * fraction, a sign or anything but digits was turned into such a number, so only a
 * whole number from 1 to MAX_LOG_LINES is taken; no `lines` means the default.
 * One pattern says it, for parseLogLines and for the route's querystring schema (a
 * JSON Schema `integer` would let `+5`, ` 5` and `1e3` through: Ajv coerces them).
 */
export const DEFAULT_LOG_LINES = 80;
export const MAX_LOG_LINES = 1000;

/** 1 to 999 without a leading zero, or 1000 (MAX_LOG_LINES). */
const LINES_PATTERN = '^(?:[1-9][0-9]{0,2}|1000)$';

/** The logs route's querystring: `lines` absent, or a string the pattern takes. */
export const LOG_LINES_QUERY = {
  type: 'object',
  properties: { lines: { type: 'string', pattern: LINES_PATTERN } },
} as const;

export type LogLines = { ok: true; lines: number } | { ok: false; reason: string };

export function parseLogLines(raw: string | null): LogLines {
  if (raw === null) return { ok: true, lines: DEFAULT_LOG_LINES };
  if (new RegExp(LINES_PATTERN, 'u').test(raw)) return { ok: true, lines: Number(raw) };
  return { ok: false, reason: `lines=${raw.slice(0, 40)} is not a whole number from 1 to ${MAX_LOG_LINES}: ask for ?lines=${DEFAULT_LOG_LINES}, for example` };
}
