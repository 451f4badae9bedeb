/**
 * Terminal output that behaves in CI and in pipes: colour only on a TTY and never
 * with NO_COLOR (https://no-color.org), live redraws only on a TTY outside CI.
 */
import { stripVTControlCharacters } from 'node:util';
import { isCi } from '../ci.ts';

export interface Output {
  color: boolean;
  interactive: boolean;
  line(text?: string): void;
  /** Overwrite the current line (no-op when not interactive). */
  status(text: string): void;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export interface OutputOptions {
  stream?: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): boolean };
  env?: NodeJS.ProcessEnv;
}

export function createOutput({ stream = process.stdout, env = process.env }: OutputOptions = {}): Output {
  const tty = Boolean(stream.isTTY);
  const color = tty && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const interactive = tty && !isCi(env);
  const paint = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) stream.write('\r\u001b[2K');
    statusShown = false;
  };
  return {
    color,
    interactive,
    line(text = '') {
      clearStatus();
      stream.write(`${text}\n`);
    },
    status(text) {
      if (!interactive) return;
      stream.write(`\r\u001b[2K${text}`);
      statusShown = true;
    },
    green: paint(32),
    red: paint(31),
    yellow: paint(33),
    dim: paint(2),
    bold: paint(1),
  };
}

/** Node's own: it knows every escape sequence a terminal honours, not only colours. */
export const stripAnsi = stripVTControlCharacters;
