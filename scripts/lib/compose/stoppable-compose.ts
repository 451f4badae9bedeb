/**
 * `docker compose <command>` that an AbortSignal stops. The docker-compose package
 * (1.5.0) spawns its child and hands it to nobody: no signal option, no kill. So a
 * `compose up --wait` would outlive an interrupted `up` whenever the signal reached
 * node alone (`kill <pid>`, a service manager, a test harness) rather than the whole
 * terminal process group, and keep waiting until its --wait-timeout (up to 10 min).
 *
 * This spawns the same command line the package builds for the options compose.ts
 * uses, and on abort sends the child SIGINT, what Ctrl-C in a terminal sends it: the
 * docker CLI passes it on to the Compose plugin, which prints "canceled" and exits 130
 * within milliseconds, leaving the containers as they are (measured with Compose
 * 2.26.1 and docker CLI 28; SIGTERM behaves the same). It settles as the package
 * does: the result on exit 0, the same plain result object as a rejection otherwise.
 */
import { spawn } from 'node:child_process';
import type { IDockerComposeOptions, IDockerComposeResult } from 'docker-compose';

export type StoppableComposeOptions = IDockerComposeOptions & { signal?: AbortSignal };

export function composeCommandLine(command: string, args: string[], { config, composeOptions = [], commandOptions = [] }: IDockerComposeOptions): string[] {
  const files = config === undefined ? [] : Array.isArray(config) ? config : [config];
  return ['compose', ...composeOptions.flat(), ...files.flatMap((file) => ['-f', file]), command, ...commandOptions.flat(), ...args];
}

export function execStoppableCompose(command: string, args: string[], options: StoppableComposeOptions = {}, executable = options.executable?.executablePath ?? 'docker'): Promise<IDockerComposeResult> {
  const { signal, cwd, env, callback } = options;
  // maxOutputLength 0, as for the package: stream to the callback, keep nothing (`logs -f` runs for hours).
  const keep = options.maxOutputLength !== 0;
  return new Promise((resolve, reject) => {
    const child = spawn(executable, composeCommandLine(command, args, options), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = () => child.kill('SIGINT');
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (keep) out += chunk.toString();
      callback?.(chunk, 'stdout');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (keep) err += chunk.toString();
      callback?.(chunk, 'stderr');
    });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', stop);
      reject(error);
    });
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', stop);
      // exitCode null, as the package reports it, when a signal ended the child.
      const result: IDockerComposeResult = { exitCode: code, out, err: err || (killedBy ? `ended by ${killedBy}` : ''), truncated: { out: false, err: false } };
      if (code === 0) resolve(result);
      else reject(result);
    });
  });
}
