/**
 * First run: `.env` does not exist yet. Copy compose/.env.example (comments and all)
 * and fill every empty *_PASSWORD with a random value, so no secret is committed and
 * nobody runs with a well-known default password.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

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

export interface EnsureEnvResult {
  created: boolean;
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

export function ensureEnvFile(
  envFile: string,
  exampleFile: string,
  fs: EnvFileSystem = realEnvFs,
  generate: () => string = randomPassword,
): EnsureEnvResult {
  if (fs.exists(envFile)) return { created: false, generated: [] };
  const { text, generated } = fillPasswords(fs.read(exampleFile), generate);
  fs.write(envFile, text);
  return { created: true, generated };
}
