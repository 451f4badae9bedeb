/**
 * Turning errors and tool output into the lines a user reads: one place, so every
 * message names a cause the same way and quotes a tool's output the same way.
 */

/** The error's message and, when it has one, its cause's code (ECONNREFUSED) or message. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | null | undefined;
  const detail = typeof cause === 'object' && cause !== null ? (cause.code ?? cause.message) : undefined;
  return detail ? `${error.message}: ${detail}` : error.message;
}

/** The error's message followed by the stderr a failed process left on it (ComposeError, a failed exec). */
export function errorOutput(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${(error as { stderr?: string }).stderr ?? ''}` : String(error);
}

/** The last `count` non-blank lines of a tool's output; '' when it said nothing. */
export function lastLines(text: string, count: number): string {
  return text.trim().split('\n').filter((line) => line.trim() !== '').slice(-count).join('\n');
}

/** Quoted output, set off from the message around it. */
export function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}
