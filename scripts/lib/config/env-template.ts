/**
 * `$` in an env file value, read as Compose reads it. Compose v2 interpolates
 * unquoted and double-quoted values with compose-go's `template` package (the same
 * rules from v2.0.2, in Compose 2.26, through v2.9):
 *   `$$` is a literal `$`; `$NAME` and `${NAME}` are replaced (by nothing, with a
 *   warning, when NAME is unset); `${NAME:-x}` `${NAME-x}` `${NAME:+x}` `${NAME+x}`
 *   `${NAME:?msg}` `${NAME?msg}` as in the shell, the `x` itself interpolated;
 *   a `$` before anything else stays; a `${` that is none of these stops Compose.
 * https://docs.docker.com/reference/compose-file/interpolation/
 *
 * Pure: a lookup in, the value (or why not) out; never throws. Where Compose's
 * reading rests on regex details (braces or a line break inside `${...}`), this
 * refuses rather than guess. A default is read even when unused, as before
 * compose-go v2.10.1 (compose-spec/compose-go@ddb94f1 made it lazy): values agree
 * either way, and a problem inside an unused default is refused, so no Compose
 * version stops where the orchestrator went on.
 */
export type Lookup = (name: string) => string | undefined;

export type Substitution =
  | {
      ok: true;
      value: string;
      /** Every name looked up, in order (the caller checks where each came from). */
      references: string[];
      /** Names Compose warns about: "The X variable is not set. Defaulting to a blank string." */
      unset: string[];
    }
  | { ok: false; problem: string; fix: string };

// Compose matches names case-insensitively with Unicode folding, so `ſ` and the Kelvin
// sign `K` count as letters (`$ſ` is a variable in Compose); JS's `iu` folds alike.
const NAME = /^[_a-z][_a-z0-9]*/iu;
// The colon forms first: `${A:-x}` is `:-`, not `-` after a name `A:`.
const OPERATORS = [':-', ':+', ':?', '-', '+', '?'] as const;
type Operator = (typeof OPERATORS)[number];

class Refusal {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {}
}

export function substitute(template: string, lookup: Lookup): Substitution {
  const references: string[] = [];
  const unset: string[] = [];
  const read = (name: string): string | undefined => {
    references.push(name);
    return lookup(name);
  };
  const plain = (name: string): string => {
    const value = read(name);
    if (value === undefined) unset.push(name);
    return value ?? '';
  };

  function expand(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const dollar = text.indexOf('$', i);
      if (dollar === -1) return out + text.slice(i);
      out += text.slice(i, dollar);
      const next = text[dollar + 1];
      if (next === '$') {
        out += '$';
        i = dollar + 2;
      } else if (next === '{') {
        const braced = expandBraced(text, dollar);
        out += braced.value;
        i = braced.end;
      } else {
        const name = NAME.exec(text.slice(dollar + 1))?.[0];
        out += name ? plain(name) : '$';
        i = dollar + 1 + (name?.length ?? 0);
      }
    }
    return out;
  }

  /** `${...}` starting at `start` (the `$`): its value and the index after its `}`. */
  function expandBraced(text: string, start: number): { value: string; end: number } {
    const name = NAME.exec(text.slice(start + 2))?.[0];
    const afterName = start + 2 + (name?.length ?? 0);
    if (name && text[afterName] === '}') return { value: plain(name), end: afterName + 1 };
    const operator = OPERATORS.find((op) => text.startsWith(op, afterName));
    if (!name || !operator) throw invalid(text.slice(start));
    const close = closingBrace(text, afterName + operator.length, start);
    const argument = expand(text.slice(afterName + operator.length, close));
    return { value: apply(name, operator, argument), end: close + 1 };
  }

  function apply(name: string, operator: Operator, argument: string): string {
    const value = read(name);
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    switch (operator) {
      case ':-':
        return nonEmpty ? value : argument;
      case '-':
        return set ? value : argument;
      case ':+':
        return nonEmpty ? argument : (value ?? '');
      case '+':
        return set ? argument : '';
      case ':?':
      case '?':
        if (operator === ':?' ? nonEmpty : set) return value!;
        throw new Refusal(
          `it requires ${name}${argument ? ` (${argument})` : ''}, which is ${set ? 'empty' : 'not set'}: Compose stops with "required variable ${name} is missing a value"`,
          `set ${name} earlier in the file or in the environment`,
        );
    }
  }

  try {
    return { ok: true, value: expand(template), references, unset };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem, fix: error.fix };
    throw error;
  }
}

/**
 * The `}` that closes the `${` at `start`. Compose finds it by counting braces in a
 * regex match that ends at the last `}` before a line break; the two agree when
 * every `{` inside opens a nested `${NAME...`, so anything else is refused.
 */
function closingBrace(text: string, from: number, start: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === '\n' || (char === '{' && !(text[i - 1] === '$' && NAME.test(text.slice(i + 1))))) {
      throw new Refusal(
        `"${excerpt(text.slice(start))}" has ${char === '\n' ? 'a line break' : 'a brace'} inside \${...}, which the orchestrator cannot read exactly as Compose does`,
        'simplify it: inside ${NAME:-...} use text, $NAME and ${NAME...} only',
      );
    }
    if (char === '{') depth++;
    if (char === '}' && --depth === 0) return i;
  }
  throw invalid(text.slice(start));
}

function invalid(fragment: string): Refusal {
  return new Refusal(
    `"${excerpt(fragment)}" is not a variable reference Compose can read (Compose stops with "Invalid template")`,
    'write $$ for a literal $, or ${NAME} / ${NAME:-default} for a variable',
  );
}

function excerpt(text: string): string {
  const close = text.indexOf('}');
  const fragment = close === -1 ? text : text.slice(0, close + 1);
  return fragment.length > 30 ? `${fragment.slice(0, 27)}...` : fragment;
}
