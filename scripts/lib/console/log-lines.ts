/**
 * The `lines` of the logs endpoint (`/api/services/<service>/logs?lines=N`): it becomes
 * `docker compose logs --tail N`, where a negative number means the whole log. A
 * fraction, a sign or anything but digits was turned into such a number, so only a
 * whole number from 1 to MAX_LOG_LINES is taken; no `lines` means the default.
 */
export const DEFAULT_LOG_LINES = 80;
export const MAX_LOG_LINES = 1000;

export type LogLines = { ok: true; lines: number } | { ok: false; reason: string };

export function parseLogLines(raw: string | null): LogLines {
  if (raw === null) return { ok: true, lines: DEFAULT_LOG_LINES };
  const lines = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (lines >= 1 && lines <= MAX_LOG_LINES) return { ok: true, lines };
  return { ok: false, reason: `lines=${raw.slice(0, 40)} is not a whole number from 1 to ${MAX_LOG_LINES}: ask for ?lines=${DEFAULT_LOG_LINES}, for example` };
}
