import { describe, expect, it } from 'vitest';
import { substitute } from '../../../scripts/lib/config/env-template.ts';

const vars: Record<string, string> = { USER: 'ana', EMPTY: '', PORT: '8080' };
const lookup = (name: string) => vars[name];

function value(template: string): string {
  const result = substitute(template, lookup);
  if (!result.ok) throw new Error(`unexpected refusal: ${result.problem}`);
  return result.value;
}

function refusal(template: string): string {
  const result = substitute(template, lookup);
  if (result.ok) throw new Error(`expected a refusal, got "${result.value}"`);
  return result.problem;
}

describe('substitute (Compose interpolation of .env values)', () => {
  it('$$ is one literal $', () => {
    expect(value('pa$$word')).toBe('pa$word');
    expect(value('$$USER$$$$')).toBe('$USER$$');
  });

  it('$NAME and ${NAME} take the variable; the name is as long as it can be', () => {
    expect(value('$USER.x ${USER}x $USERx')).toBe('ana.x anax ');
    expect(value('${PORT}0')).toBe('80800');
  });

  it('an unset $NAME becomes nothing and is reported (Compose warns about it)', () => {
    const result = substitute('pa$word', lookup);
    expect(result).toEqual({ ok: true, value: 'pa', references: ['word'], unset: ['word'] });
  });

  it('names fold case as Compose does: ſ and the Kelvin sign start a name, é does not', () => {
    expect(substitute('x$ſy|$\u212Ab|$é', lookup)).toMatchObject({ ok: true, value: 'x||$é', unset: ['ſy', '\u212Ab'] });
  });

  it('a $ before anything that is not a name or { stays', () => {
    expect(value('cost: 5$ and $1 and $-x and $')).toBe('cost: 5$ and $1 and $-x and $');
  });

  it('${NAME:-default} when unset or empty, ${NAME-default} when unset', () => {
    expect(value('${NOPE:-d} ${EMPTY:-d} ${USER:-d}')).toBe('d d ana');
    expect(value('${NOPE-d} ${EMPTY-d} ${USER-d}')).toBe('d  ana');
  });

  it('${NAME:+alt} when set and not empty, ${NAME+alt} when set', () => {
    expect(value('[${NOPE:+a}|${EMPTY:+a}|${USER:+a}]')).toBe('[||a]');
    expect(value('[${NOPE+a}|${EMPTY+a}|${USER+a}]')).toBe('[|a|a]');
  });

  it('an operator is read right after the name; the rest is text', () => {
    expect(value('${NOPE-a:-b}')).toBe('a:-b');
    expect(value('${NOPE:-x?y}')).toBe('x?y');
  });

  it('defaults are interpolated and may nest; text after the closing brace continues', () => {
    expect(value('${NOPE:-${USER}-$PORT}/x')).toBe('ana-8080/x');
    expect(value('${NOPE:-${ALSO:-deep}}')).toBe('deep');
    expect(value('${NOPE:-$${USER}}')).toBe('${USER}');
    expect(value('${NOPE:-x}y}')).toBe('xy}');
  });

  it('${NAME:?msg} and ${NAME?msg} refuse as Compose does', () => {
    expect(value('${USER:?need it}')).toBe('ana');
    expect(refusal('${EMPTY:?need it}')).toBe('it requires EMPTY (need it), which is empty: Compose stops with "required variable EMPTY is missing a value"');
    expect(value('${EMPTY?need it}')).toBe('');
    expect(refusal('${NOPE?}')).toContain('requires NOPE, which is not set');
  });

  it('a ${ that is not a reference stops Compose ("Invalid template"): refused', () => {
    for (const bad of ['${}', '${1}', '${A B}', '${A:x}', '${USER', '${A:-x', '${NOPE:-${USER}']) {
      expect(refusal(bad), bad).toContain('Compose stops with "Invalid template"');
    }
  });

  it('refuses braces or a line break inside ${...}, where Compose follows regex details', () => {
    expect(refusal('${NOPE:-{x}')).toContain('has a brace inside');
    expect(refusal('${NOPE:-a\nb}')).toContain('has a line break inside');
  });

  it('records every name it looked up, defaults included (Compose evaluates the default even when unused)', () => {
    const result = substitute('${USER:-$NOPE}', lookup);
    expect(result).toMatchObject({ ok: true, value: 'ana', references: ['NOPE', 'USER'], unset: ['NOPE'] });
  });
});
