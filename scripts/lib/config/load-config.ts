/**
 * The merged configuration: compose/versions.env, then .env, then the process
 * environment — the precedence Compose itself applies when it interpolates
 * compose.yaml (a variable set in the shell wins over --env-file). The files are
 * read as Compose reads them (read-env-files.ts), `$` included, so a value here is
 * the value the containers get. Every value remembers where it came from, so
 * errors point at `.env:12` or "the environment".
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { paths } from '../paths.ts';
import type { EnvParseError } from './env-file.ts';
import { readEnvFiles } from './read-env-files.ts';
import { LATER_DEFAULTS } from './stack-config.ts';

export interface Config {
  values: Record<string, string>;
  /** ".env:12", "compose/versions.env:3" or "environment". */
  origins: Record<string, string>;
  /** Variables the shell set to another value than the file's (the doctor names each, as Compose follows the shell). */
  overrides?: ShellOverride[];
}

export interface ShellOverride {
  key: string;
  /** The file the shell's value replaced: ".env" or "compose/versions.env". */
  file: string;
  fileValue: string;
  shellValue: string;
}

export interface LoadedConfig {
  config: Config;
  errors: EnvParseError[];
}

export interface LoadConfigOptions {
  files?: string[];
  env?: NodeJS.ProcessEnv;
  read?: (path: string) => string;
  root?: string;
}

export function loadConfig({
  files = [paths.versionsFile, paths.envFile],
  env = process.env,
  read = (path) => readFileSync(path, 'utf8'),
  root = paths.repoRoot,
}: LoadConfigOptions = {}): LoadedConfig {
  const overrides: ShellOverride[] = [];
  const config: Config = { values: {}, origins: {}, overrides };
  const { entries, errors } = readEnvFiles(
    files.map((file) => ({ file: relative(root, file) || file, text: read(file) })),
    env,
  );
  for (const entry of entries) {
    config.values[entry.key] = entry.value;
    config.origins[entry.key] = `${entry.file}:${entry.line}`;
  }
  for (const key of Object.keys(config.values)) {
    const override = env[key];
    if (override !== undefined) {
      const file = config.origins[key]!.replace(/:\d+$/, '');
      if (override !== config.values[key]) overrides.push({ key, file, fileValue: config.values[key]!, shellValue: override });
      config.values[key] = override;
      config.origins[key] = 'environment';
    }
  }
  // A variable newer than the user's .env (LATER_DEFAULTS) is still one of the stack's: a
  // value in the shell sets it, as it does for Compose, whose compose.yaml reads the shell
  // too. Without this, `ELASTICSEARCH_LEAN=on npm run up` on an older .env was ignored
  // here (the default used) while Compose saw it, and bench:up's A/B timed one side twice.
  for (const key of Object.keys(LATER_DEFAULTS)) {
    const value = env[key];
    if (value !== undefined && config.values[key] === undefined) {
      config.values[key] = value;
      config.origins[key] = 'environment';
    }
  }
  // Compose takes the project's name from the shell as well as from .env: so does the
  // typed config, which tags the local images with it (stack-config.ts localImageTagOf).
  const project = env.COMPOSE_PROJECT_NAME;
  if (project !== undefined && config.values.COMPOSE_PROJECT_NAME === undefined) {
    config.values.COMPOSE_PROJECT_NAME = project;
    config.origins.COMPOSE_PROJECT_NAME = 'environment';
  }
  return { config, errors };
}
