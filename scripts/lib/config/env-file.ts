/**
 * The syntax of an env file as Compose v2 reads `--env-file` (compose-go's `dotenv`
 * parser, unchanged in this respect from v2.0 to v2.9):
 * - blank lines and lines whose first non-space character is `#` are skipped;
 *   a UTF-8 byte-order mark at the start is ignored;
 * - `export ` before a name is ignored;
 * - unquoted: the rest of the line, cut at the first ` #` (space, then hash: a tab
 *   before `#` does not start a comment), trailing spaces dropped, then `$` interpolated;
 * - 'single quotes': literal, except that \' is a quote;
 * - "double quotes": \" is a quote; \n \t \r \a \b \f \v \\ are escapes; \$ is a
 *   literal `$`; then `$` is interpolated (env-template.ts);
 * - after a closing quote, only spaces and a `# comment` may follow.
 * Compose also accepts what this refuses, because it reads some of it differently
 * from what its author meant: a quoted value running on over several lines, text
 * after a closing quote (Compose reads it as another variable), `NAME: value`, a bare
 * `NAME`, names with `.` or `-`, and octal escapes (\0...).
 * Every entry keeps its line number so errors can say `.env:12`.
 * Pure: takes the text, returns entries and errors; never throws.
 */
export interface EnvEntry {
  key: string;
  /** The value with quotes and escapes resolved; `$` still to interpolate when `interpolate`. */
  text: string;
  interpolate: boolean;
  file: string;
  line: number;
}

export interface EnvParseError {
  file: string;
  line: number;
  message: string;
  fix: string;
}

export interface ParsedEnvFile {
  entries: EnvEntry[];
  errors: EnvParseError[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
// compose-go's isSpace (no line breaks) and Go's unicode.IsSpace, used where each applies.
const SPACE = '\\t\\v\\f\\r \\u0085\\u00a0';
const UNICODE_SPACE = `${SPACE}\\n\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000`;
const LEADING_SPACE = new RegExp(`^[${SPACE}]+`);
const LEADING_UNICODE_SPACE = new RegExp(`^[${UNICODE_SPACE}]+`);
const TRAILING_UNICODE_SPACE = new RegExp(`[${UNICODE_SPACE}]+$`);
// Go's \s: no \v.
const EXPORT = /^export[\t\n\f\r ]+/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  // Compose turns \$ into $$, which interpolation then reads as one literal $.
  $: '$$',
};

export function parseEnvFile(text: string, file: string): ParsedEnvFile {
  const entries: EnvEntry[] = [];
  const errors: EnvParseError[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, index) => {
      const parsed = parseLine(raw, file, index + 1);
      if (parsed && 'key' in parsed) entries.push(parsed);
      else if (parsed) errors.push(parsed);
    });
  return { entries, errors };
}

function parseLine(raw: string, file: string, line: number): EnvEntry | EnvParseError | undefined {
  const fail = (message: string, fix: string): EnvParseError => ({ file, line, message, fix: `edit ${file}:${line}: ${fix}` });
  const statement = raw.replace(LEADING_UNICODE_SPACE, '');
  if (statement === '' || statement.startsWith('#')) return undefined;
  const body = EXPORT.test(statement) ? statement.replace(EXPORT, '').replace(LEADING_SPACE, '') : statement;
  const eq = body.indexOf('=');
  if (eq === -1) return fail(`expected KEY=value, found "${truncate(statement)}"`, 'make it KEY=value, or start it with # to comment it out');
  const key = body.slice(0, eq).replace(TRAILING_UNICODE_SPACE, '');
  if (!KEY.test(key)) return fail(`"${truncate(key)}" is not a valid variable name`, 'names are letters, digits and _, not starting with a digit');
  const value = body.slice(eq + 1).replace(LEADING_SPACE, '');
  const quote = value[0];
  if (quote !== "'" && quote !== '"') {
    // Unquoted: a comment starts at " #" only (compose-go cuts at exactly that).
    const cut = value.indexOf(' #');
    return { key, text: (cut === -1 ? value : value.slice(0, cut)).replace(TRAILING_UNICODE_SPACE, ''), interpolate: true, file, line };
  }
  const quoted = readQuoted(value, quote);
  if (!quoted) {
    return fail(
      `the quoted value of ${key} is not closed on this line`,
      `close the quote on this line (Compose would read on into the next lines; to put a line break in a value, write \\n inside double quotes)`,
    );
  }
  const after = quoted.rest.replace(LEADING_UNICODE_SPACE, '');
  if (after !== '' && !after.startsWith('#')) {
    return fail(
      `"${truncate(after)}" follows the closing quote of ${key}; Compose would read it as another variable`,
      `move it inside the quotes, or put # before it to make it a comment`,
    );
  }
  if (quote === "'") return { key, text: quoted.text, interpolate: false, file, line };
  const unescaped = unescapeDoubleQuoted(quoted.text);
  if (unescaped === undefined) return fail(`the value of ${key} has an octal escape (\\0...), which the orchestrator does not read`, 'write the character itself');
  return { key, text: unescaped, interpolate: true, file, line };
}

/** Left to right, as Compose does; undefined for an octal escape (Compose's reading of those varies with the digits). */
function unescapeDoubleQuoted(text: string): string | undefined {
  let octal = false;
  const result = text.replace(/\\([\s\S])/g, (escape, char: string) => {
    if (char === '0') octal = true;
    return DOUBLE_QUOTE_ESCAPES[char] ?? escape;
  });
  return octal ? undefined : result;
}

/** From the opening quote to its unescaped closing quote: \<quote> is the quote, any other \x stays \x. */
function readQuoted(value: string, quote: string): { text: string; rest: string } | undefined {
  let text = '';
  for (let i = 1; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) {
      const next = value[++i]!;
      text += next === quote ? next : `\\${next}`;
    } else if (char === '\\') return undefined;
    else if (char === quote) return { text, rest: value.slice(i + 1) };
    else text += char;
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
