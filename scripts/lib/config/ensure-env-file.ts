/**
 * First run: `.env` does not exist yet. Copy compose/.env.example (comments and all)
 * and fill every empty *_PASSWORD with a random value, so no secret is committed and
 * nobody runs with a well-known default password.
 * Later runs: `.env` is the user's and is never rewritten. A secret added to the
 * platform after it was written (LATER_SECRETS) is appended to its end,
 * generated, so an older checkout keeps working; nothing already in it changes.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnvFile } from './env-file.ts';
import { OBJECT_STORE_PASSWORD_VARIABLE } from './images-config.ts';
import { SAGA_PASSWORD_VARIABLES } from './saga-config.ts';

export interface EnvFileSystem {
  exists(path: string): boolean;
  read(path: string): string;
  write(path: string, text: string): void;
}

export const realEnvFs: EnvFileSystem = {
  exists: (path) => existsSync(path),
  read: (path) => readFileSync(path, 'utf8'),
  // 0600: the file holds passwords.
  write: (path, text) => writeFileSync(path, text, { mode: 0o600 }),
};

/** Hex only: safe unquoted in .env, SQL, HAProxy config and shell without escaping. */
export const randomPassword = (): string => randomBytes(16).toString('hex');

/**
 * Secrets newer than some existing .env files, safe to generate into one: the account
 * each names is (re)created with the .env password by db-setup on every run. Never a
 * password an existing volume already holds (MYSQL_ROOT_PASSWORD): a new one would lock it out.
 */
export const LATER_SECRETS: readonly string[] = [...SAGA_PASSWORD_VARIABLES, OBJECT_STORE_PASSWORD_VARIABLE];

export interface EnsureEnvResult {
  created: boolean;
  /** Created: every password generated. Existing: the later secrets appended, generated. */
  generated: string[];
}

export function fillPasswords(example: string, generate: () => string = randomPassword): { text: string; generated: string[] } {
  const generated: string[] = [];
  const text = example
    .split('\n')
    .map((line) => {
      const match = /^([A-Z0-9_]*_PASSWORD)=\s*$/.exec(line.replace(/\r$/, ''));
      if (!match?.[1]) return line;
      generated.push(match[1]);
      return `${match[1]}=${generate()}`;
    })
    .join('\n');
  return { text, generated };
}

/**
 * The later secrets an existing .env lacks (a key present with an empty value is the
 * user's choice, reported by validation, not overwritten), as lines to append.
 */
export function missingLaterSecrets(envText: string, envFile: string, generate: () => string = randomPassword, laterSecrets: readonly string[] = LATER_SECRETS): { text: string; generated: string[] } {
  const present = new Set(parseEnvFile(envText, envFile).entries.map((entry) => entry.key));
  const generated = laterSecrets.filter((key) => !present.has(key));
  if (generated.length === 0) return { text: '', generated };
  const separator = envText === '' || envText.endsWith('\n') ? '' : '\n';
  const lines = [
    '',
    '# Appended by `npm run up`/`doctor`: generated passwords for variables newer than this file',
    '# (compose/.env.example documents them).',
    ...generated.map((key) => `${key}=${generate()}`),
  ];
  return { text: `${separator}${lines.join('\n')}\n`, generated };
}

export function ensureEnvFile(
  envFile: string,
  exampleFile: string,
  fs: EnvFileSystem = realEnvFs,
  generate: () => string = randomPassword,
): EnsureEnvResult {
  if (fs.exists(envFile)) {
    const current = fs.read(envFile);
    const missing = missingLaterSecrets(current, envFile, generate);
    if (missing.generated.length > 0) fs.write(envFile, current + missing.text);
    return { created: false, generated: missing.generated };
  }
  const filled = fillPasswords(fs.read(exampleFile), generate);
  // compose/.env.example lists every later secret (a unit test checks it); this is for an example that does not.
  const later = missingLaterSecrets(filled.text, envFile, generate);
  fs.write(envFile, filled.text + later.text);
  return { created: true, generated: [...filled.generated, ...later.generated] };
}
