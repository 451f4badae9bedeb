import { describe, expect, it } from 'vitest';
import { readEnvFiles } from '../../../scripts/lib/config/read-env-files.ts';

const versions = { file: 'compose/versions.env', text: 'MYSQL_VERSION=8.4\nBASE=base\n' };

function values(text: string, env: NodeJS.ProcessEnv = {}): Record<string, string> {
  const { entries, errors } = readEnvFiles([versions, { file: '.env', text }], env);
  expect(errors).toEqual([]);
  return Object.fromEntries(entries.filter((e) => e.file === '.env').map((e) => [e.key, e.value]));
}

function errorsOf(text: string, env: NodeJS.ProcessEnv = {}) {
  return readEnvFiles([versions, { file: '.env', text }], env).errors;
}

describe('readEnvFiles (what `docker compose --env-file versions.env --env-file .env` reads)', () => {
  it('interpolates unquoted and double-quoted values; single-quoted values are literal', () => {
    expect(values('A=pa$$word\nB="dq $BASE \\$BASE"\nC=\'sq $BASE\'')).toEqual({ A: 'pa$word', B: 'dq base $BASE', C: 'sq $BASE' });
  });

  it('a name refers to the process environment first, then earlier files, then earlier lines of the same file', () => {
    const text = 'SHELL_ONLY=$FROM_SHELL\nOVERRIDDEN=file\nUSES_OVERRIDDEN=$OVERRIDDEN\nFROM_VERSIONS=mysql:${MYSQL_VERSION}\nLOCAL=l\nUSES_LOCAL=${LOCAL}2';
    expect(values(text, { FROM_SHELL: 'sh', OVERRIDDEN: 'env' })).toEqual({
      SHELL_ONLY: 'sh',
      OVERRIDDEN: 'file',
      USES_OVERRIDDEN: 'env',
      FROM_VERSIONS: 'mysql:8.4',
      LOCAL: 'l',
      USES_LOCAL: 'l2',
    });
  });

  it('a later line is not visible yet; a name set twice in one file means its latest earlier value', () => {
    const errors = errorsOf('A=$LATER\nLATER=x');
    expect(errors.map((e) => [e.line, e.message])).toEqual([[1, 'the value of A: $LATER is not set, so Compose would replace it with nothing']]);
    expect(values('X=1\nX=${X}2\nY=$X')).toEqual({ X: '12', Y: '12' });
  });

  it('refuses an unset $NAME with the line and the fix (a password with a $ would be cut short)', () => {
    const [error] = errorsOf('HTTP_PORT=8080\nMYSQL_PASSWORD=ab$cd\n');
    expect(error).toEqual({
      file: '.env',
      line: 2,
      message: 'the value of MYSQL_PASSWORD: $cd is not set, so Compose would replace it with nothing',
      fix: 'edit .env:2: for a literal $ write $$ (or put the value in single quotes); to refer to cd, set it on an earlier line',
    });
  });

  it('accepts an unset name behind a default, as Compose does without a warning', () => {
    expect(values('A=${NOPE:-d}\nB=${NOPE-}\nC=${NOPE:+x}')).toEqual({ A: 'd', B: '', C: '' });
  });

  it('refuses a name an earlier file and an earlier line set differently (Compose versions disagree)', () => {
    const [error] = errorsOf('MYSQL_VERSION=8.0\nDB_IMAGE=mysql:${MYSQL_VERSION}\n');
    expect(error).toMatchObject({ file: '.env', line: 2 });
    expect(error!.message).toBe(
      'the value of DB_IMAGE: $MYSQL_VERSION is set by compose/versions.env:1 and by .env:1; Compose up to 2.38 reads the first, 2.39 and later the second',
    );
    expect(error!.fix).toBe('edit .env:2: write the value you mean instead of $MYSQL_VERSION');
  });

  it('reads such a name without doubt when both set the same value, or the environment sets it', () => {
    expect(values('MYSQL_VERSION=8.4\nA=${MYSQL_VERSION}')).toEqual({ MYSQL_VERSION: '8.4', A: '8.4' });
    expect(values('MYSQL_VERSION=8.0\nA=${MYSQL_VERSION}', { MYSQL_VERSION: '9.1' })).toEqual({ MYSQL_VERSION: '8.0', A: '9.1' });
  });

  it('passes on the refusals of the template and the syntax with file:line', () => {
    const errors = errorsOf('A=${B:?set B first}\nC=${}\nD="x" E=1\n');
    expect(errors.map((e) => `${e.file}:${e.line}`)).toEqual(['.env:1', '.env:2', '.env:3']);
    expect(errors[0]!.message).toContain('requires B (set B first)');
    expect(errors[1]!.message).toContain('Invalid template');
    expect(errors[2]!.message).toContain('follows the closing quote of D');
  });

  it('keeps going after a refused line, so one run reports every problem', () => {
    const { entries, errors } = readEnvFiles([{ file: '.env', text: 'A=$NOPE\nB=fine\n' }], {});
    expect(errors).toHaveLength(1);
    expect(entries.map((e) => e.key)).toEqual(['B']);
  });
});
