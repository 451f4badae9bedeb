/**
 * Parses the dotenv subset Compose reads from `--env-file`: `KEY=value`, blank lines,
 * `#` comments, optional `export `, single/double quotes, inline ` #` comments on
 * unquoted values. Every entry keeps its line number so errors can say `.env:12`.
 * Pure: takes the text, returns entries and errors; never throws.
 */
export interface EnvEntry {
  key: string;
  value: string;
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

export function parseEnvFile(text: string, file: string): ParsedEnvFile {
  const entries: EnvEntry[] = [];
  const errors: EnvParseError[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    // A stray CR (CRLF file) would end up inside the value; the doctor rewrites such files.
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const body = trimmed.startsWith('export ') ? trimmed.slice('export '.length).trimStart() : trimmed;
    const eq = body.indexOf('=');
    if (eq === -1) {
      errors.push({ file, line, message: `expected KEY=value, found "${truncate(trimmed)}"`, fix: `edit ${file}:${line} to read KEY=value, or start it with # to comment it out` });
      return;
    }
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) {
      errors.push({ file, line, message: `"${truncate(key)}" is not a valid variable name`, fix: `edit ${file}:${line}: names are letters, digits and _, not starting with a digit` });
      return;
    }
    const value = parseValue(body.slice(eq + 1).trim());
    if (value === undefined) {
      errors.push({ file, line, message: `unterminated quote in the value of ${key}`, fix: `edit ${file}:${line}: close the quote or remove it` });
      return;
    }
    entries.push({ key, value, file, line });
  });
  return { entries, errors };
}

function parseValue(raw: string): string | undefined {
  const quote = raw[0];
  if (quote === "'") {
    const end = raw.indexOf(quote, 1);
    return end === -1 ? undefined : raw.slice(1, end);
  }
  if (quote === '"') {
    let value = '';
    for (let i = 1; i < raw.length; i++) {
      const char = raw[i]!;
      if (char === '"') return value;
      if (char === '\\' && i + 1 < raw.length) {
        const next = raw[++i]!;
        value += next === 'n' ? '\n' : next;
      } else value += char;
    }
    return undefined;
  }
  // Unquoted: ` #` starts a comment (Compose's dotenv does the same).
  const comment = raw.search(/\s#/);
  return (comment === -1 ? raw : raw.slice(0, comment)).trim();
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

