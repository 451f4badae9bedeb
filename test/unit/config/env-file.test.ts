import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../../scripts/lib/config/env-file.ts';

/** key -> the value before `$` interpolation; fails the test on any error. */
function texts(text: string): Record<string, string> {
  const { entries, errors } = parseEnvFile(text, '.env');
  expect(errors).toEqual([]);
  return Object.fromEntries(entries.map((e) => [e.key, e.text]));
}

function errorsOf(text: string) {
  return parseEnvFile(text, '.env').errors;
}

describe('parseEnvFile', () => {
  it('reads KEY=value lines with their line numbers, skipping comments and blanks', () => {
    const { entries, errors } = parseEnvFile('# comment\n\n   # indented comment\nDB_ENGINE=mysql\nHTTP_PORT=8080\n', '.env');
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { key: 'DB_ENGINE', text: 'mysql', interpolate: true, file: '.env', line: 4 },
      { key: 'HTTP_PORT', text: '8080', interpolate: true, file: '.env', line: 5 },
    ]);
  });

  it('handles export, spaces around =, empty values, CRLF and a leading byte-order mark', () => {
    expect(texts('\uFEFFA=1\nexport B=2\nexport\tC=3\nD = spaced value  \nE=\nF=crlf\r\nexportG=4')).toEqual({
      A: '1',
      B: '2',
      C: '3',
      D: 'spaced value',
      E: '',
      F: 'crlf',
      exportG: '4',
    });
  });

  it('unquoted: a comment starts at " #" only, not at a # without a space or after a tab', () => {
    expect(texts('A=plain # a comment\nB=x#y\nC=x\t#y\nD= #z\nE=a  # c')).toEqual({ A: 'plain', B: 'x#y', C: 'x\t#y', D: '#z', E: 'a' });
  });

  it('single quotes: literal, including $ and #, with \\\' as a quote and other backslashes kept', () => {
    const { entries } = parseEnvFile("A='lit #eral $x'\nB='it\\'s'\nC='a\\nb\\\\'", '.env');
    expect(entries.map((e) => [e.key, e.text, e.interpolate])).toEqual([
      ['A', 'lit #eral $x', false],
      ['B', "it's", false],
      ['C', 'a\\nb\\\\', false],
    ]);
  });

  it('double quotes: escapes resolved, \\$ kept as $$ for interpolation to make one literal $', () => {
    const { entries } = parseEnvFile('A="two words # not a comment"\nB="a\\"b"\nC="1\\n2\\t3\\\\4\\q"\nD="\\$HOME"\nE="x\\\\"', '.env');
    expect(entries.map((e) => [e.key, e.text, e.interpolate])).toEqual([
      ['A', 'two words # not a comment', true],
      ['B', 'a"b', true],
      ['C', '1\n2\t3\\4\\q', true],
      ['D', '$$HOME', true],
      ['E', 'x\\', true],
    ]);
  });

  it('allows spaces and a comment after a closing quote', () => {
    expect(texts('A="x"   # note\nB=\'y\'\t\nC="z"#c')).toEqual({ A: 'x', B: 'y', C: 'z' });
  });

  it('refuses text after a closing quote, which Compose would read as another variable', () => {
    const [error] = errorsOf('A=1\nB="x" C=2\n');
    expect(error).toMatchObject({ file: '.env', line: 2 });
    expect(error!.message).toBe('"C=2" follows the closing quote of B; Compose would read it as another variable');
    expect(error!.fix).toContain('.env:2');
  });

  it('refuses a quoted value that runs past its line (Compose reads on; the orchestrator reads one line per variable)', () => {
    const errors = errorsOf('Q="open\nstill"\nR=\'x\\\n');
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'the quoted value of Q is not closed on this line'],
      [2, 'expected KEY=value, found "still""'],
      [3, 'the quoted value of R is not closed on this line'],
    ]);
    expect(errors[0]!.fix).toContain('\\n inside double quotes');
  });

  it('refuses octal escapes in double quotes, whose reading in Compose depends on the digits', () => {
    expect(errorsOf('A="\\0101"')[0]?.message).toContain('octal escape');
    expect(texts('A="\\\\0101"')).toEqual({ A: '\\0101' });
  });

  it('reports a line without = as file:line with a fix, including NAME: value and a bare NAME', () => {
    const errors = errorsOf('A=1\nthis is not an assignment\nB: yaml\nC\n');
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(errors[0]!.message).toContain('expected KEY=value');
    expect(errors[0]!.fix).toContain('.env:2');
  });

  it('rejects names Compose accepts but no ${...} can refer to, and names with spaces', () => {
    const errors = errorsOf('1BAD=x\nMY-VAR=y\nA.B=z\nA B=w\nA:B=v\n');
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(errors[0]!.message).toBe('"1BAD" is not a valid variable name');
  });
});
