/**
 * Runs the real orchestrator as a user would (`tsx scripts/cli.ts <command>`),
 * streaming its output into the test log and returning it for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { paths } from '../../../scripts/lib/paths.ts';

export interface CliResult {
  code: number;
  output: string;
  seconds: number;
}

export interface RunningCli {
  child: ChildProcess;
  /** Resolves once the output so far matches; rejects if the command ends first. */
  outputMatches(pattern: RegExp): Promise<void>;
  done: Promise<CliResult>;
}

const tsx = join(paths.repoRoot, 'node_modules', '.bin', 'tsx');

export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return startCli(args, { env }).done;
}

/**
 * Starts the command and hands back the process, for tests that signal it.
 * `processGroup: true` makes it lead a process group of its own, which the test
 * can signal as a whole (`process.kill(-pid, ...)`), as a terminal's Ctrl-C does.
 */
export function startCli(args: string[], { env = process.env, processGroup = false }: { env?: NodeJS.ProcessEnv; processGroup?: boolean } = {}): RunningCli {
  const started = performance.now();
  const child = spawn(tsx, ['scripts/cli.ts', ...args], {
    cwd: paths.repoRoot,
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: processGroup,
  });
  let output = '';
  const watchers = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    process.stdout.write(text);
    for (const watcher of watchers) watcher();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }));
  });
  const outputMatches = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output)) return;
        watchers.delete(check);
        resolve();
      };
      watchers.add(check);
      check();
      void done.then(() => {
        watchers.delete(check);
        if (!pattern.test(output)) reject(new Error(`npm run ${args.join(' ')} ended before its output matched ${pattern}`));
      });
    });
  return { child, outputMatches, done };
}
