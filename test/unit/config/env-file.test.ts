import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../../scripts/lib/config/env-file.ts';

describe('parseEnvFile', () => {
  it('reads KEY=value lines with their line numbers, skipping comments and blanks', () => {
    const { entries, errors } = parseEnvFile('# comment\n\nDB_ENGINE=mysql\nHTTP_PORT=8080\n', '.env');
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { key: 'DB_ENGINE', value: 'mysql', file: '.env', line: 3 },
      { key: 'HTTP_PORT', value: '8080', file: '.env', line: 4 },
    ]);
  });

  it('handles quotes, export, inline comments, empty values and CRLF', () => {
    const text = ['export A=1', 'B="two words"', "C='lit#eral $x'", 'D=plain # a comment', 'E=', 'F=x#y', 'G=crlf\r', 'H="a\\"b"'].join('\n');
    const values = Object.fromEntries(parseEnvFile(text, '.env').entries.map((e) => [e.key, e.value]));
    expect(values).toEqual({ A: '1', B: 'two words', C: 'lit#eral $x', D: 'plain', E: '', F: 'x#y', G: 'crlf', H: 'a"b' });
  });

  it('reports a line without = as file:line with a fix', () => {
    const { errors } = parseEnvFile('A=1\nthis is not an assignment\n', '.env');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: '.env', line: 2 });
    expect(errors[0]!.message).toContain('expected KEY=value');
    expect(errors[0]!.fix).toContain('.env:2');
  });

  it('rejects invalid names and unterminated quotes', () => {
    const { errors } = parseEnvFile('1BAD=x\nMY-VAR=y\nQ="open\n', 'x.env');
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(errors[2]!.message).toContain('unterminated quote');
  });
});
