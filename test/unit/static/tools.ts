/**
 * Static checks run real tools where they exist. On a machine with Node alone they
 * are skipped with the reason; under CI (any truthy CI, see scripts/lib/ci.ts) a
 * missing tool (or file) is a failure, never a silent skip.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../scripts/lib/config/load-config.ts';
import { isCi } from '../../../scripts/lib/ci.ts';
import { isNotFound, realExec } from '../../../scripts/lib/exec.ts';
import { paths } from '../../../scripts/lib/paths.ts';

export interface SkipContext {
  skip: (note?: string) => never;
}

/** Skip the test (or fail it under CI) when `missing` is a reason. `env` is a parameter for its own test. */
export function requireOrSkip(ctx: SkipContext, missing: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (!missing) return;
  if (isCi(env)) throw new Error(`${missing} (CI=${env.CI}: a missing tool or file fails the run)`);
  ctx.skip(missing);
}

const probes = new Map<string, Promise<string | undefined>>();

/** Memoized per command line: several tests ask about the same tool. */
export function toolMissing(command: string, args: string[]): Promise<string | undefined> {
  const key = [command, ...args].join(' ');
  if (!probes.has(key)) probes.set(key, probeTool(command, args));
  return probes.get(key)!;
}

async function probeTool(command: string, args: string[]): Promise<string | undefined> {
  const result = await realExec(command, args, { timeoutMs: 20_000 });
  if (isNotFound(result)) return `${command} is not installed`;
  if (result.code !== 0) return `\`${command} ${args.join(' ')}\` failed: ${(result.stderr || result.stdout).trim().split('\n')[0]}`;
  return undefined;
}

export function fileMissing(relative: string): string | undefined {
  return existsSync(join(paths.repoRoot, relative)) ? undefined : `${relative} does not exist yet`;
}

/** The example configuration with a dummy value in every empty variable, as strings. */
export function exampleValues(): Record<string, string> {
  const { values } = loadConfig({ files: [paths.versionsFile, paths.envExample], env: {} }).config;
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value === '' && /PASSWORD/.test(key) ? 'dummy-secret' : value]));
}

/** process.env without the stack's own variables, so the example values decide. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(exampleValues())) delete env[key];
  delete env.COMPOSE_PROJECT_NAME;
  return env;
}
