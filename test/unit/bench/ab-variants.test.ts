import { describe, expect, it } from 'vitest';
import { checkVariant, parseAssignment, parseVariants, variantEnvironment, variantUpArguments } from '../../../scripts/lib/bench/ab-variants.ts';
import { UsageError, UserError } from '../../../scripts/lib/errors.ts';

const usage = 'npm run bench:up -- --a NAME=VALUE --b NAME=VALUE';
const documented = new Set(['ELASTICSEARCH_LEAN', 'ELASTICSEARCH_HEAP', 'CONNECT_PLUGIN_DISCOVERY', 'JAVA_TOOL_OPTIONS']);

describe('bench:up A/B sides', () => {
  it('reads NAME=VALUE, keeping an empty value and any = in it', () => {
    expect(parseAssignment('ELASTICSEARCH_LEAN=on', 'A', usage)).toEqual({ label: 'A', name: 'ELASTICSEARCH_LEAN', value: 'on' });
    expect(parseAssignment('JAVA_TOOL_OPTIONS=-Da=b', 'B', usage)).toEqual({ label: 'B', name: 'JAVA_TOOL_OPTIONS', value: '-Da=b' });
    expect(parseAssignment('JAVA_TOOL_OPTIONS=', 'B', usage).value).toBe('');
    expect(() => parseAssignment('lean=on', 'A', usage)).toThrow(UsageError);
    expect(() => parseAssignment('ELASTICSEARCH_LEAN', 'A', usage)).toThrow('--a takes NAME=VALUE');
  });

  it('wants both sides, and two different ones', () => {
    expect(parseVariants(undefined, undefined, usage)).toEqual([]);
    expect(() => parseVariants(undefined, 'ELASTICSEARCH_LEAN=on', usage)).toThrow('--b alone compares nothing');
    expect(() => parseVariants('ELASTICSEARCH_LEAN=on', 'ELASTICSEARCH_LEAN=on', usage)).toThrow('the two sides must differ');
    expect(() => parseVariants('profile=full', 'ELASTICSEARCH_LEAN=on', usage)).toThrow('--a and --b set different things (profile and ELASTICSEARCH_LEAN)');
    expect(parseVariants('ELASTICSEARCH_LEAN=off', 'ELASTICSEARCH_LEAN=on', usage).map((v) => `${v.label} ${v.value}`)).toEqual(['A off', 'B on']);
  });

  it('refuses a name .env.example does not document, naming the close ones', () => {
    const error = (() => {
      try {
        checkVariant({ label: 'B', name: 'ELASTICSEARCH_SLIM', value: 'on' }, documented, () => []);
      } catch (e) {
        return e as UserError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toContain('ELASTICSEARCH_SLIM is not a variable of compose/.env.example');
    expect(error!.fix).toContain('ELASTICSEARCH_LEAN');
  });

  it("refuses a value the config validator rejects, with the validator's fix", () => {
    const issues = (name: string, value: string) => (value === 'maybe' ? [{ key: name, message: `${name}="maybe" (environment) is not on or off`, fix: `set ${name}=off (or on) in .env` }] : []);
    expect(() => checkVariant({ label: 'A', name: 'ELASTICSEARCH_LEAN', value: 'maybe' }, documented, issues)).toThrow('--a ELASTICSEARCH_LEAN=maybe is refused by the config');
    expect(() => checkVariant({ label: 'A', name: 'ELASTICSEARCH_LEAN', value: 'on' }, documented, issues)).not.toThrow();
  });

  it("puts the side's setting above the rest of the environment", () => {
    const base = { PATH: '/bin', ELASTICSEARCH_LEAN: 'off' };
    expect(variantEnvironment(base, { label: 'B', name: 'ELASTICSEARCH_LEAN', value: 'on' })).toEqual({ PATH: '/bin', ELASTICSEARCH_LEAN: 'on' });
    expect(variantEnvironment(base, undefined)).toEqual(base);
  });

  it('takes profile=<name> as a side: given to up as --profile, nothing in the environment', () => {
    const [a, b] = parseVariants('profile=full', 'profile=catalog', usage) as [ReturnType<typeof parseAssignment>, ReturnType<typeof parseAssignment>];
    expect(variantUpArguments(b)).toEqual(['--profile', 'catalog']);
    expect(variantUpArguments(a)).toEqual(['--profile', 'full']);
    expect(variantEnvironment({ PATH: '/bin' }, b)).toEqual({ PATH: '/bin' });
    expect(variantUpArguments(parseAssignment('ELASTICSEARCH_LEAN=on', 'A', usage))).toEqual([]);
    expect(() => checkVariant(b, documented, () => [])).not.toThrow();
    expect(() => checkVariant({ label: 'B', name: 'profile', value: 'tiny' }, documented, () => [])).toThrow('there is no profile tiny');
  });
});
