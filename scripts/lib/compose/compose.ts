/**
 * The only module that runs Docker Compose, through exec.ts like every other process:
 * - every call gets `-f compose/compose.yaml --env-file compose/versions.env --env-file .env`
 *   as absolute paths (plus `-f` for each overlay a start lever switches on, the same for
 *   every call of one adapter: compose-files.ts), and no --project-directory: relative paths in compose.yaml
 *   resolve from compose/; the project name comes from compose.yaml (`name: booking`)
 *   unless COMPOSE_PROJECT_NAME overrides it (CI does);
 * - the caller's environment is spread in, since a given `env` replaces the environment;
 * - a non-zero exit becomes a ComposeError carrying the exit code, stderr and a fix;
 * - `ps --format json` is parsed by parse-ps.ts (health included).
 * It settles when the child closes, with no fixed wait after it: the `docker-compose`
 * npm package this replaced waited 500 ms after every exit, about 1 s of a no-op
 * `up` (issue 12), and could not stop its child on an interrupt.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { UserError } from '../errors.ts';
import { isNotFound, realExec, type Exec, type ExecResult } from '../exec.ts';
import { paths } from '../paths.ts';
import { lastLines } from '../text.ts';
import type { StartLevers } from '../config/start-levers.ts';
import { fixForComposeFailure } from './compose-failures.ts';
import { composeFilesFor, needsEngineApi } from './compose-files.ts';
import { fileHashAliases, withFullHashes, type HashAliases } from './no-deps-hashes.ts';
import { parsePs, type ContainerState } from './parse-ps.ts';
import { CONFIG_HASH_LABEL, orderServices } from './service-readiness.ts';

/** One Compose invocation: what goes before the command, and how to run it. */
export interface ComposeInvocation {
  cwd?: string;
  /** The compose file, or compose.yaml and its overlays in order (`-f` each). */
  config?: string | string[];
  /** Global options before the command (`--env-file …`, `--progress plain`). */
  composeOptions?: string[];
  /** The full environment Compose runs with. */
  env?: NodeJS.ProcessEnv;
  callback?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  /** Aborting it stops the child (see exec.ts). */
  signal?: AbortSignal;
  /** false: stream to `callback` only (`logs -f`). */
  keepOutput?: boolean;
  /** `standalone`: the v1 `docker-compose` program, which only the doctor's detection asks for. */
  executable?: { standalone?: boolean; executablePath?: string };
}

/** Compose's name for every profile at once (COMPOSE_PROFILES=*). */
export const ALL_PROFILES = '*';

export type ExecCompose = (command: string, args: string[], options?: ComposeInvocation) => Promise<ExecResult>;

/** `docker compose <global options> -f <file> <command> <args>`, as the docker CLI expects them. */
export function composeCommandLine(command: string, args: string[], { config, composeOptions = [], executable }: ComposeInvocation): [string, string[]] {
  const program = executable?.executablePath ?? (executable?.standalone ? 'docker-compose' : 'docker');
  const files = config === undefined ? [] : Array.isArray(config) ? config : [config];
  const line = [...composeOptions, ...files.flatMap((file) => ['-f', file]), command, ...args];
  return [program, executable?.standalone ? line : ['compose', ...line]];
}

export function execComposeWith(exec: Exec): ExecCompose {
  return (command, args, options = {}) => {
    const [program, line] = composeCommandLine(command, args, options);
    return exec(program, line, {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.callback === undefined ? {} : { onOutput: options.callback }),
      ...(options.keepOutput === undefined ? {} : { keepOutput: options.keepOutput }),
    });
  };
}

export const defaultExecCompose: ExecCompose = execComposeWith(realExec);

export interface ComposeOptions {
  composeFile?: string;
  envFiles?: string[];
  /** The full environment Compose runs with (see config/compose-env.ts). */
  env?: NodeJS.ProcessEnv;
  execCompose?: ExecCompose;
  fileExists?: (path: string) => boolean;
  /** Which full configuration hash a replica's `up --no-deps` label stands for (no-deps-hashes.ts). */
  hashAliases?: HashAliases;
  /** The start levers whose overlays join compose.yaml (compose-files.ts); none when absent. */
  startLevers?: StartLevers;
  /** The Docker Engine's API version, asked only when a lever depends on it. */
  engineApi?: () => Promise<string | undefined>;
}

/** `docker version`'s server API version ("1.41"), or undefined when Docker does not answer. */
export async function realEngineApi(exec: Exec = realExec, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const result = await exec('docker', ['version', '--format', '{{.Server.APIVersion}}'], { env, timeoutMs: 20_000 });
  return result.code === 0 ? result.stdout.trim() || undefined : undefined;
}

export class ComposeError extends UserError {
  /** `composeExitCode`, not `exitCode`: that one is the orchestrator's own (UserError). */
  constructor(command: string, readonly composeExitCode: number, readonly stderr: string, fix: string) {
    super(`docker compose ${command} failed (exit ${composeExitCode}): ${lastLines(stderr, 6) || 'no output'}`, fix);
  }
}

export interface UpOptions {
  waitTimeoutSeconds: number;
  /**
   * Only these services (and what they depend on); every service when absent. `up`
   * leaves out the replicas it has just replaced one at a time (up/roll-replicas.ts).
   */
  services?: string[];
  onOutput?: (chunk: string) => void;
  /** Aborting it stops the `compose up --wait` child (see exec.ts). */
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
  hashAliases = fileHashAliases(paths.hashAliasesFile),
  startLevers,
  engineApi = () => realEngineApi(realExec, env),
}: ComposeOptions = {}) {
  const project = {
    cwd: paths.repoRoot,
    composeOptions: envFiles.flatMap((file) => ['--env-file', file]),
    env: { ...env },
  };
  // Decided once per adapter, so every call of this process sees the same model.
  let chosenFiles: Promise<string[]> | undefined;
  const composeFiles = (): Promise<string[]> => {
    chosenFiles ??= startLevers === undefined
      ? Promise.resolve([composeFile])
      : (needsEngineApi(startLevers) ? engineApi() : Promise.resolve(undefined)).then((api) => composeFilesFor(composeFile, startLevers, api));
    return chosenFiles;
  };

  async function run(command: string, args: string[], extra: ComposeInvocation = {}): Promise<ExecResult> {
    for (const file of [composeFile, ...envFiles]) {
      if (!fileExists(file)) {
        const name = relative(paths.repoRoot, file);
        const fix = name === '.env' ? 'run `npm run doctor` (it creates .env from compose/.env.example)' : `restore ${name} (git checkout -- ${name})`;
        throw new UserError(`${name} is missing`, fix);
      }
    }
    const files = await composeFiles();
    const result = await execCompose(command, args, { ...project, config: files.length === 1 ? files[0]! : files, ...extra });
    if (result.code !== 0) throw toComposeError(command, result);
    return result;
  }

  return {
    async ps(): Promise<ContainerState[]> {
      const result = await run('ps', ['--all', '--format', 'json']);
      return withFullHashes(parsePs(result.stdout), hashAliases.read());
    },
    async services(): Promise<string[]> {
      const result = await run('config', ['--services']);
      return orderServices(result.stdout.split('\n').map((line) => line.trim()).filter(Boolean));
    },
    /** Each service's configuration hash, as Compose labels the containers it creates. */
    async serviceHashes(): Promise<Map<string, string>> {
      const result = await run('config', ['--hash', '*']);
      return parseServiceHashes(result.stdout);
    },
    /** The fully interpolated model, as `docker compose config --format json` prints it. */
    async config(): Promise<ComposeModel> {
      const result = await run('config', ['--format', 'json']);
      return JSON.parse(result.stdout) as ComposeModel;
    },
    async up({ waitTimeoutSeconds, services = [], onOutput, signal }: UpOptions): Promise<void> {
      // No --build: `up` has built the local images it found missing or stale
      // (build/build-images.ts) before this call.
      await run('up', ['-d', '--wait', '--wait-timeout', String(Math.max(1, Math.ceil(waitTimeoutSeconds))), ...services], {
        ...(onOutput ? { callback: (chunk: Buffer) => onOutput(chunk.toString()) } : {}),
        ...(signal ? { signal } : {}),
      });
    },
    /**
     * Recreates one service's container if its image or configuration changed, leaving
     * every other service alone (--no-deps), and waits until it is healthy: the step of
     * replacing replicas one at a time (up/rolling-replace.ts).
     */
    async recreate(service: string, { waitTimeoutSeconds, signal }: { waitTimeoutSeconds: number; signal?: AbortSignal }): Promise<void> {
      await run('up', ['-d', '--no-deps', '--wait', '--wait-timeout', String(Math.max(1, Math.ceil(waitTimeoutSeconds))), service], signal ? { signal } : {});
      // Compose 2.26-2.29.2 label it with a hash of its configuration without depends_on
      // (no-deps-hashes.ts): record which full hash that label stands for.
      const [full, created] = await Promise.all([
        run('config', ['--hash', service]).then((result) => parseServiceHashes(result.stdout).get(service)),
        run('ps', ['--all', '--format', 'json', service]).then((result) => parsePs(result.stdout)),
      ]);
      const label = created.find((container) => !container.oneOff)?.labels[CONFIG_HASH_LABEL];
      if (full && label && label !== full) await hashAliases.add(label, full);
    },
    /**
     * Starts these services alone (--no-deps), recreating a container whose image or
     * configuration changed, and returns once they are started: for one-shots, whose
     * end `--wait` cannot wait for (docker/compose#10596); the caller reads `ps` for
     * their exit code (up/run-one-shots.ts).
     */
    async startAlone(services: string[], { signal }: { signal?: AbortSignal } = {}): Promise<void> {
      await run('up', ['-d', '--no-deps', ...services], signal ? { signal } : {});
    },
    /**
     * Pulls one service's image, streaming Compose's plain progress lines (see
     * pull/pull-progress.ts); one service per call, so each stream is one image's.
     */
    async pull(service: string, { onOutput, signal }: { onOutput?: (chunk: string) => void; signal?: AbortSignal } = {}): Promise<void> {
      await run('pull', [service], {
        composeOptions: [...project.composeOptions, '--progress', 'plain'],
        ...(onOutput ? { callback: (chunk: Buffer) => onOutput(chunk.toString()) } : {}),
        ...(signal ? { signal } : {}),
      });
      },
    /**
     * Copies a host folder's contents into a service's container (`cp <dir>/. svc:<path>`),
     * through Docker's API: no bind mount, so Docker Desktop's file sharing plays no
     * part (`npm run dev`, dev/push-code.ts).
     */
    async copyInto(service: string, hostDir: string, containerDir: string, { signal }: { signal?: AbortSignal } = {}): Promise<void> {
      await run('cp', [`${hostDir}/.`, `${service}:${containerDir}`], signal ? { signal } : {});
    },
    /**
     * Stops (SIGTERM, then the service's stop_grace_period) and starts a service's
     * container; resolves once it is started. --no-deps: not the services whose
     * depends_on says `restart: true` (Compose >= 2.20 has both).
     */
    async restart(service: string, { signal }: { signal?: AbortSignal } = {}): Promise<void> {
      await run('restart', ['--no-deps', service], signal ? { signal } : {});
    },
    /** Runs a command in a service's running container, without a TTY; its stdout. */
    async exec(service: string, command: string[]): Promise<string> {
      return (await run('exec', ['-T', service, ...command])).stdout;
    },
    /**
     * Builds these services' images (all that have a `build:` when none are named).
     * `variables` reach compose.yaml's interpolation for this build only (the source
     * fingerprints its `build.labels` record).
     */
    async build({ services = [], variables = {}, signal }: { services?: string[]; variables?: Record<string, string>; signal?: AbortSignal } = {}): Promise<void> {
      await run('build', services, { env: { ...project.env, ...variables }, ...(signal ? { signal } : {}) });
    },
    /**
     * Stops and removes these services' containers; their volumes stay. With every profile
     * on for this call: `up` removes the services its profile leaves out, which Compose
     * would otherwise not know (a service of a profile that is off is not in the model).
     */
    async remove(services: string[]): Promise<void> {
      if (services.length === 0) return;
      await run('rm', ['--stop', '--force', ...services], { env: { ...project.env, COMPOSE_PROFILES: ALL_PROFILES } });
    },
    /**
     * Stops every container, of every profile, and keeps them and their volumes: what a
     * whole-stack snapshot needs (snapshot/run-snapshot.ts); the next `up` starts the same containers.
     */
    async stop(): Promise<void> {
      await run('stop', [], { env: { ...project.env, COMPOSE_PROFILES: ALL_PROFILES } });
    },
    /**
     * Kills every container, of every profile, at once (SIGKILL) and keeps them: for a
     * snapshot restore, which replaces every data volume next, so nothing a store would
     * write while shutting down is kept; the next `up` starts the same containers.
     */
    async kill(): Promise<void> {
      await run('kill', [], { env: { ...project.env, COMPOSE_PROFILES: ALL_PROFILES } });
    },
    async down({ volumes = false }: { volumes?: boolean } = {}): Promise<void> {
      await run('down', ['--remove-orphans', ...(volumes ? ['--volumes'] : [])]);
    },
    async logs(services: string[], { follow = false, tail, onOutput }: LogsOptions = {}): Promise<string> {
      const args = ['--no-color', ...(follow ? ['--follow'] : []), ...(tail ? ['--tail', String(tail)] : []), ...services];
      const result = await run('logs', args, onOutput ? { callback: (chunk: Buffer) => onOutput(chunk.toString()), keepOutput: false } : {});
      return result.stdout;
    },
  };
}

export interface ComposeModel {
  name?: string;
  /** The volumes the services use, by their key in compose.yaml; `name` is Docker's (the project's prefix added). */
  volumes?: Record<string, { name?: string }>;
  services: Record<string, ComposeServiceModel>;
}

export interface ComposeServiceModel {
  image?: string;
  build?: unknown;
  pull_policy?: string;
  command?: string[] | null;
  environment?: Record<string, string>;
  ports?: Array<{ host_ip?: string; published?: string | number; target?: number }>;
  /** `config --format json` writes every form of depends_on as a map by service name. */
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
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
  const attempt = async (options: ComposeInvocation) => {
    const result = await execCompose('version', ['--short'], { ...options, env: { ...env } });
    return result.code === 0 ? result.stdout.trim() : new Error(failureText(result));
  };
  const v2 = await attempt({});
  if (typeof v2 === 'string') return { v2 };
  const v1 = await attempt({ executable: { standalone: true } });
  return { ...(typeof v1 === 'string' ? { v1 } : {}), v2Error: v2.message };
}

function toComposeError(command: string, result: ExecResult): UserError {
  if (isNotFound(result)) return new UserError('the docker CLI was not found', 'install Docker (https://docs.docker.com/get-docker/), then run `npm run doctor`');
  return new ComposeError(command, result.code, failureText(result), fixForComposeFailure(failureText(result)));
}

function failureText(result: ExecResult): string {
  return (result.stderr || result.stdout).trim() || `exit ${result.code}`;
}
