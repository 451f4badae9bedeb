/**
 * `.env`: created on first run, then parsed (errors name file:line) and validated
 * against the variable contract of compose/.env.example.
 */
import { ensureEnvFile, realEnvFs, type EnvFileSystem } from '../config/ensure-env-file.ts';
import { loadConfig, type Config, type ShellOverride } from '../config/load-config.ts';
import { validateConfig } from '../config/validate-config.ts';
import { paths } from '../paths.ts';
import { fail, ok, type CheckResult } from './check.ts';

export interface EnvCheckInput {
  envFile?: string;
  exampleFile?: string;
  versionsFile?: string;
  root?: string;
  fs?: EnvFileSystem;
  env?: NodeJS.ProcessEnv;
  generate?: () => string;
}

export function envCheck({
  envFile = paths.envFile,
  exampleFile = paths.envExample,
  versionsFile = paths.versionsFile,
  root = paths.repoRoot,
  fs = realEnvFs,
  env = process.env,
  generate,
}: EnvCheckInput = {}): { result: CheckResult; config?: Config } {
  const created = ensureEnvFile(envFile, exampleFile, fs, generate);
  const createdLine = created.created
    ? `created .env from compose/.env.example${created.generated.length ? `; generated random ${created.generated.join(', ')}` : ''}`
    : `appended generated ${created.generated.join(', ')} to .env (newer than the file; nothing in it changed)`;
  const loaded = loadConfig({ files: [versionsFile, envFile], env, read: fs.read, root });
  const { config, errors } = loaded;
  const overrides = (config.overrides ?? []).map(overrideLine);
  const details = [...(created.created || created.generated.length > 0 ? [createdLine] : []), ...overrides];
  if (errors.length > 0) {
    const [first] = errors;
    return {
      result: fail('.env', errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('; '), first!.fix, orNone(details)),
    };
  }
  const issues = validateConfig(config);
  if (issues.length > 0) {
    return { result: fail('.env', issues.map((i) => i.message).join('; '), issues.map((i) => i.fix).join('; '), orNone(details)), config };
  }
  return { result: ok('.env', `valid (DB_ENGINE=${config.values.DB_ENGINE}${config.origins.DB_ENGINE === 'environment' ? ', from the shell' : ''})`, orNone(details)), config };
}

const orNone = (lines: string[]) => (lines.length > 0 ? lines : undefined);

/** Values that must not reach a terminal or a CI log: passwords and the like are named, never shown. */
const SECRET = /PASSWORD|SECRET|TOKEN|_KEY$/;

/**
 * One line per variable the shell overrides: Compose takes the shell's value over the
 * file's (https://docs.docker.com/compose/how-tos/environment-variables/envvars-precedence/),
 * so an `export` left in a terminal silently beats an edit of `.env`.
 */
export function overrideLine({ key, file, fileValue, shellValue }: ShellOverride): string {
  if (SECRET.test(key)) return `${key} is set in the shell and overrides ${file}'s value (not shown: a secret); unset ${key} to use ${file}`;
  return `${key}=${shellValue} from the shell overrides ${file}'s ${fileValue || '(empty)'}; unset ${key} to use ${file}`;
}
