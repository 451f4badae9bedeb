import { describe, expect, it } from 'vitest';
import { formatCheck } from '../../../scripts/lib/ui/check-report.ts';
import { createOutput, stripAnsi } from '../../../scripts/lib/ui/output.ts';
import { renderTable } from '../../../scripts/lib/ui/table.ts';

const tty = () => {
  const written: string[] = [];
  return { stream: { isTTY: true, write: (t: string) => (written.push(t), true) }, written };
};

describe('output', () => {
  it('colours on a TTY, never with NO_COLOR or in a pipe', () => {
    expect(createOutput({ stream: tty().stream, env: {} }).green('x')).toBe('\u001b[32mx\u001b[0m');
    expect(createOutput({ stream: tty().stream, env: { NO_COLOR: '1' } }).green('x')).toBe('x');
    expect(createOutput({ stream: { isTTY: false, write: () => true }, env: {} }).green('x')).toBe('x');
  });

  it('redraws a status line only on an interactive terminal outside CI', () => {
    const local = tty();
    createOutput({ stream: local.stream, env: {} }).status('waiting');
    expect(local.written.join('')).toContain('waiting');
    const ci = tty();
    const out = createOutput({ stream: ci.stream, env: { CI: 'true' } });
    out.status('waiting');
    expect(out.interactive).toBe(false);
    expect(ci.written).toEqual([]);
  });
});

describe('renderTable', () => {
  it('aligns columns, ignoring colour codes', () => {
    const table = renderTable(['service', 'state'], [['mysql', '\u001b[32mhealthy\u001b[0m'], ['elasticsearch', 'starting']]);
    expect(stripAnsi(table).split('\n')).toEqual(['service        state', '-------------  --------', 'mysql          healthy', 'elasticsearch  starting']);
  });
});

describe('formatCheck', () => {
  const plain = { green: (t: string) => t, red: (t: string) => t, yellow: (t: string) => t, dim: (t: string) => t };
  it('prints one fix line under a failure', () => {
    const lines = formatCheck({ name: 'docker', status: 'fail', summary: 'the Docker daemon is not reachable', fix: 'start Docker Desktop' }, plain);
    expect(lines).toEqual(['✖ docker           the Docker daemon is not reachable', '                   fix: start Docker Desktop']);
  });
});
