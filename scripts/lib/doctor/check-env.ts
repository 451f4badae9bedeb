/**
 * `.env`: created on first run, then parsed (errors name file:line) and validated
 * against the variable contract of compose/.env.example.
 */
import { ensureEnvFile, realEnvFs, type EnvFileSystem } from '../config/ensure-env-file.ts';
import { loadConfig, type Config } from '../config/load-config.ts';
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
  const details = created.created
    ? [`created .env from compose/.env.example${created.generated.length ? `; generated random ${created.generated.join(', ')}` : ''}`]
    : undefined;
  const { config, errors } = loadConfig({ files: [versionsFile, envFile], env, read: fs.read, root });
  if (errors.length > 0) {
    const [first] = errors;
    return {
      result: fail('.env', errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('; '), first!.fix, details),
    };
  }
  const issues = validateConfig(config);
  if (issues.length > 0) {
    return { result: fail('.env', issues.map((i) => i.message).join('; '), issues.map((i) => i.fix).join('; '), details), config };
  }
  return { result: ok('.env', `valid (DB_ENGINE=${config.values.DB_ENGINE})`, details), config };
}
