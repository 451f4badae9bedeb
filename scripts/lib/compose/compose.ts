/**
 * The only module that runs Docker Compose. It wraps the `docker-compose` npm package
 * and fixes its quirks (see STYLE.md):
 * - every call gets `-f compose/compose.yaml --env-file compose/versions.env --env-file .env`
 *   as absolute paths, and no --project-directory: relative paths in compose.yaml
 *   resolve from compose/; the project name comes from compose.yaml (`name: booking`)
 *   unless COMPOSE_PROJECT_NAME overrides it (CI does);
 * - its `env` option replaces the environment, so the caller's environment is spread in;
 * - it rejects with a plain object, turned here into a ComposeError with a fix;
 * - its `ps` drops health, so `ps --format json` is parsed by parse-ps.ts.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import * as dockerCompose from 'docker-compose';
import type { IDockerComposeOptions, IDockerComposeResult } from 'docker-compose';
import { UserError } from '../errors.ts';
import { paths } from '../paths.ts';
import { lastLines } from '../text.ts';
import { parsePs, type ContainerState } from './parse-ps.ts';
import { orderServices } from './service-readiness.ts';
import { execStoppableCompose, type StoppableComposeOptions } from './stoppable-compose.ts';

export type ExecCompose = (command: string, args: string[], options?: StoppableComposeOptions) => Promise<IDockerComposeResult>;

/**
 * Compose v2 runs through stoppable-compose.ts, which spawns the command line the
 * package builds and settles when the child closes. The package itself waits a fixed
 * 500 ms after every exit (docker-compose 1.5.0, dist/index.js: `setTimeout(..., 500)`
 * in its exit handler): on a no-op `up` that was about 1 s of the wall time, on the
 * doctor's critical path (issue 12). The package still runs standalone Compose v1,
 * which only the doctor's detection asks for.
 */
export const defaultExecCompose: ExecCompose = (command, args, options = {}) =>
  options.executable?.standalone ? dockerCompose.execCompose(command, args, options) : execStoppableCompose(command, args, options);

export interface ComposeOptions {
  composeFile?: string;
  envFiles?: string[];
  /** The full environment Compose runs with (see config/compose-env.ts). */
  env?: NodeJS.ProcessEnv;
  execCompose?: ExecCompose;
  fileExists?: (path: string) => boolean;
}

export class ComposeError extends UserError {
  /** `composeExitCode`, not `exitCode`: that one is the orchestrator's own (UserError). */
  constructor(command: string, readonly composeExitCode: number | null, readonly stderr: string, fix: string) {
    super(`docker compose ${command} failed${composeExitCode === null ? '' : ` (exit ${composeExitCode})`}: ${lastLines(stderr, 6) || 'no output'}`, fix);
  }
}

export interface UpOptions {
  waitTimeoutSeconds: number;
  onOutput?: (chunk: string) => void;
  /** Aborting it stops the `compose up --wait` child (see stoppable-compose.ts). */
  signal?: AbortSignal;
}

export interface LogsOptions {
  follow?: boolean;
  tail?: number;
  /** Stream chunks here instead of buffering (used by `logs -f`). */
  onOutput?: (chunk: string) => void;
}

export type Compose = ReturnType<typeof createCompose>;

export function createCompose({
  composeFile = paths.composeFile,
  envFiles = [paths.versionsFile, paths.envFile],
  env = process.env,
  execCompose = defaultExecCompose,
  fileExists = existsSync,
}: ComposeOptions = {}) {
  const project: IDockerComposeOptions = {
    cwd: paths.repoRoot,
    config: composeFile,
    composeOptions: envFiles.flatMap((file) => ['--env-file', file]),
    env: { ...env },
  };

  async function run(command: string, args: string[], extra: StoppableComposeOptions = {}): Promise<IDockerComposeResult> {
    for (const file of [composeFile, ...envFiles]) {
      if (!fileExists(file)) {
        const name = relative(paths.repoRoot, file);
        const fix = name === '.env' ? 'run `npm run doctor` (it creates .env from compose/.env.example)' : `restore ${name} (git checkout -- ${name})`;
        throw new UserError(`${name} is missing`, fix);
      }
    }
    try {
      return await execCompose(command, args, { ...project, ...extra });
    } catch (failure) {
      throw toComposeError(command, failure);
    }
  }

  return {
    async ps(): Promise<ContainerState[]> {
      const result = await run('ps', ['--all', '--format', 'json']);
      return parsePs(result.out);
    },
    async services(): Promise<string[]> {
      const result = await run('config', ['--services']);
      return orderServices(result.out.split('\n').map((line) => line.trim()).filter(Boolean));
    },
    /** Each service's configuration hash, as Compose labels the containers it creates. */
    async serviceHashes(): Promise<Map<string, string>> {
      const result = await run('config', ['--hash', '*']);
      return parseServiceHashes(result.out);
    },
    /** The fully interpolated model, as `docker compose config --format json` prints it. */
    async config(): Promise<ComposeModel> {
      const result = await run('config', ['--format', 'json']);
      return JSON.parse(result.out) as ComposeModel;
    },
    async up({ waitTimeoutSeconds, onOutput, signal }: UpOptions): Promise<void> {
      // No --build: `up` has built the local images it found missing or stale
      // (build/build-images.ts) before this call.
      await run('up', ['-d', '--wait', '--wait-timeout', String(Math.max(1, Math.ceil(waitTimeoutSeconds)))], {
        ...(onOutput ? { callback: (chunk: Buffer) => onOutput(chunk.toString()) } : {}),
        ...(signal ? { signal } : {}),
      });
    },
    /**
     * Pulls one service's image, streaming Compose's plain progress lines (see
     * pull/pull-progress.ts); one service per call, so each stream is one image's.
     */
    async pull(service: string, { onOutput, signal }: { onOutput?: (chunk: string) => void; signal?: AbortSignal } = {}): Promise<void> {
      await run('pull', [service], {
        composeOptions: [...(project.composeOptions as string[]), '--progress', 'plain'],
        ...(onOutput ? { callback: (chunk: Buffer) => onOutput(chunk.toString()) } : {}),
        ...(signal ? { signal } : {}),
      });
      },
    /** Runs a command in a service's running container, without a TTY; its stdout. */
    async exec(service: string, command: string[]): Promise<string> {
      return (await run('exec', ['-T', service, ...command])).out;
    },
    /**
     * Builds these services' images (all that have a `build:` when none are named).
     * `variables` reach compose.yaml's interpolation for this build only (the source
     * fingerprints its `build.labels` record).
     */
    async build({ services = [], variables = {}, signal }: { services?: string[]; variables?: Record<string, string>; signal?: AbortSignal } = {}): Promise<void> {
      await run('build', services, { env: { ...project.env, ...variables }, ...(signal ? { signal } : {}) });
    },
    async down({ volumes = false }: { volumes?: boolean } = {}): Promise<void> {
      await run('down', ['--remove-orphans', ...(volumes ? ['--volumes'] : [])]);
    },
    async logs(services: string[], { follow = false, tail, onOutput }: LogsOptions = {}): Promise<string> {
      const args = ['--no-color', ...(follow ? ['--follow'] : []), ...(tail ? ['--tail', String(tail)] : []), ...services];
      const result = await run('logs', args, onOutput ? { callback: (chunk: Buffer) => onOutput(chunk.toString()), maxOutputLength: 0 } : {});
      return result.out;
    },
  };
}

export interface ComposeModel {
  name?: string;
  services: Record<string, { image?: string; build?: unknown; pull_policy?: string; environment?: Record<string, string>; ports?: Array<{ host_ip?: string; published?: string | number; target?: number }> }>;
}

/** `config --hash '*'` prints "<service> <hash>" per line. */
export function parseServiceHashes(output: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [service, hash] = line.trim().split(/\s+/);
    if (service && hash) hashes.set(service, hash);
  }
  return hashes;
}

/** The images the stack runs, from the interpolated model (what `config --images` lists). */
export function imagesOf(model: ComposeModel): string[] {
  return [...new Set(Object.values(model.services).flatMap((service) => (service.image ? [service.image] : [])))];
}

/** Compose v2 version, and whether a v1 `docker-compose` exists, for the doctor. */
export async function detectComposeVersions(
  execCompose: ExecCompose = defaultExecCompose,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ v2?: string; v1?: string; v2Error?: string }> {
  const attempt = async (options: IDockerComposeOptions) => {
    try {
      return (await execCompose('version', ['--short'], { ...options, env: { ...env } })).out.trim();
    } catch (failure) {
      return failure instanceof Error ? failure : new Error(plainStderr(failure));
    }
  };
  const v2 = await attempt({});
  if (typeof v2 === 'string') return { v2 };
  const v1 = await attempt({ executable: { standalone: true } });
  return { ...(typeof v1 === 'string' ? { v1 } : {}), v2Error: v2.message };
}

function toComposeError(command: string, failure: unknown): UserError {
  if (failure instanceof UserError) return failure;
  if (failure instanceof Error) {
    const code = (failure as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return new UserError('the docker CLI was not found', 'install Docker (https://docs.docker.com/get-docker/), then run `npm run doctor`');
    return new ComposeError(command, null, failure.message, 'run `npm run doctor`');
  }
  const result = failure as Partial<IDockerComposeResult>;
  return new ComposeError(command, result.exitCode ?? null, plainStderr(failure), 'run `npm run doctor`; `npm run logs` shows what the services said');
}

function plainStderr(failure: unknown): string {
  const result = failure as Partial<IDockerComposeResult>;
  return `${result.err ?? ''}${result.err ? '' : (result.out ?? '')}`.trim() || String(failure);
}
