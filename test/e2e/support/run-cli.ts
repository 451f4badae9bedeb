/**
 * Runs the real orchestrator as a user would (`tsx scripts/cli.ts <command>`),
 * streaming its output into the test log and returning it for assertions.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { paths } from '../../../scripts/lib/paths.ts';

export interface CliResult {
  code: number;
  output: string;
  seconds: number;
}

const tsx = join(paths.repoRoot, 'node_modules', '.bin', 'tsx');

export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['scripts/cli.ts', ...args], {
      cwd: paths.repoRoot,
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      process.stdout.write(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}
