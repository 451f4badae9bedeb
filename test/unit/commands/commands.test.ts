import { describe, expect, it } from 'vitest';
import { decideReset } from '../../../scripts/commands/reset.ts';
import { parseArgs } from '../../../scripts/lib/args.ts';
import { UserError } from '../../../scripts/lib/errors.ts';

describe('reset', () => {
  it('asks on a TTY, refuses without one, and --yes skips the question', () => {
    expect(decideReset(false, true)).toBe('ask');
    expect(decideReset(false, false)).toBe('refuse');
    expect(decideReset(true, false)).toBe('proceed');
  });
});

describe('parseArgs', () => {
  const spec = { boolean: ['follow', 'json'], string: ['tail'], aliases: { f: 'follow' } };
  it('reads flags, aliases, values and positionals', () => {
    expect(parseArgs(['mysql', '-f', '--tail', '20'], spec, 'usage')).toEqual({ flags: { follow: true, tail: '20' }, positionals: ['mysql'] });
    expect(parseArgs(['--tail=5', '--json'], spec, 'usage').flags).toEqual({ tail: '5', json: true });
  });

  it('rejects unknown options and missing values with the usage as fix', () => {
    expect(() => parseArgs(['--nope'], spec, 'npm run logs -- [service]')).toThrow(UserError);
    expect(() => parseArgs(['--tail'], spec, 'usage')).toThrow('--tail needs a value');
  });
});

describe('UserError', () => {
  it('carries a one-line fix', () => {
    const error = new UserError('.env:3: expected KEY=value', 'edit .env:3');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UserError');
    expect(error.fix).not.toContain('\n');
  });
});
