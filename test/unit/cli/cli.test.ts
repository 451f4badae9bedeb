/**
 * The entry point as npm starts it: every npm script names a command of the map in
 * scripts/commands/index.ts, and usage errors exit 2 before the command does anything.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, isCommandName } from '../../../scripts/commands/index.ts';
import { paths } from '../../../scripts/lib/paths.ts';

const tsxCli = join(paths.repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, 'scripts/cli.ts', ...args], { cwd: paths.repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const scripts = (JSON.parse(readFileSync(join(paths.repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const cliScripts = Object.entries(scripts).flatMap(([script, line]) => {
  const match = /^(?:exec )?node --import tsx scripts\/cli\.ts (\S+)$/.exec(line);
  return match ? [{ script, name: match[1]! }] : [];
});

describe('the command map', () => {
  // Loading every command pulls in kafkajs, mysql2 and the Elasticsearch client: seconds on a busy machine.
  it('has a command for every npm script that runs scripts/cli.ts, and its usage names that script', { timeout: 60_000 }, async () => {
    expect(cliScripts.map(({ script }) => script)).toContain('up');
    for (const { script, name } of cliScripts) {
      expect(isCommandName(name), `package.json "${script}" runs unknown command ${name}`).toBe(true);
      const { command } = await commands[name as keyof typeof commands]();
      expect(command.usage, name).toMatch(new RegExp(`^npm run ${script}( |$)`));
    }
  });

  it('every script that runs the CLI execs node, so a signal npm passes to its child reaches node', () => {
    // npm signals only its child, `sh -c "<script>"`; dash (Debian's sh) does not exec the
    // last command, so without `exec` the shell held SIGINT and node never saw it.
    // exec.cmd gives cmd.exe, npm's shell on Windows, the same word.
    expect(cliScripts.length).toBeGreaterThan(0);
    for (const { script } of cliScripts) expect(scripts[script], script).toMatch(/^exec node /);
    expect(readFileSync(join(paths.repoRoot, 'exec.cmd'), 'utf8')).toMatch(/^@%\*\r?$/m);
  });

  it('has no command that no npm script runs', () => {
    expect(Object.keys(commands).sort()).toEqual(cliScripts.map(({ name }) => name).sort());
  });
});

describe('scripts/cli.ts', () => {
  it('--help describes the command and exits 0', { timeout: 30_000 }, async () => {
    const result = await runCli(['logs', '--help']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Compose's logs.*\n\nusage: npm run logs -- \[service\] \[-f\] \[--tail N\]\n\noptions:\n {2}-f, --follow /);
  });

  it('an unknown option is a usage error: exit 2, the option named, the fix', { timeout: 30_000 }, async () => {
    const result = await runCli(['status', '--jsn']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('\n✖ unknown option --jsn\n  fix: npm run status -- [--json] [--check]   (--help lists the options)\n');
  });

  it('an unknown command is a usage error: exit 2 and the list of commands', { timeout: 30_000 }, async () => {
    const result = await runCli(['upp']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\n✖ unknown command "upp"\n {2}fix: use one of: doctor, up, status,/);
  });
});
