import { describe, expect, it } from 'vitest';
import { controlCodeStripper, plainUnlessTerminal } from '../../../scripts/lib/ui/control-codes.ts';

describe('controlCodeStripper', () => {
  it('removes clear-line, colours, cursor moves and titles, and keeps the text', () => {
    const strip = controlCodeStripper();
    expect(strip('\u001b[2Kmysql-1  | ready\n\u001b[32mgreen\u001b[0m \u001b[1A\u001b]0;title\u0007done\n')).toBe('mysql-1  | ready\ngreen done\n');
  });

  it('holds a sequence split across chunks until its end arrives', () => {
    const strip = controlCodeStripper();
    expect(strip('one\u001b[')).toBe('one');
    expect(strip('2Ktwo\u001b')).toBe('two');
    expect(strip('[0mthree')).toBe('three');
  });
});

describe('plainUnlessTerminal (npm run logs)', () => {
  const sink = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (text: string) => (written.push(text), true) } };
  };

  it('passes a terminal everything, and a pipe the text alone', () => {
    const terminal = sink(true);
    plainUnlessTerminal(terminal.stream)('\u001b[2Kline\n');
    expect(terminal.written.join('')).toBe('\u001b[2Kline\n');
    const pipe = sink(false);
    plainUnlessTerminal(pipe.stream)('\u001b[2Kline\n');
    expect(pipe.written.join('')).toBe('line\n');
  });
});
