/**
 * Every command's usage line, taken literally, works: npm passes what follows its first
 * `--` to the script, so a line like `npm run up [-- --clean] [-- --build]` tells the user
 * to type a second `--`, after which every option is an argument and the command refuses
 * it. Each line is checked against package.json (the script that runs the command) and
 * fed, with every optional part filled in, to the one parser the CLI uses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../scripts/commands/index.ts';
import type { Command } from '../../../scripts/lib/cli/command.ts';
import { parseCommandArgs } from '../../../scripts/lib/cli/parse-command-args.ts';
import { paths } from '../../../scripts/lib/paths.ts';

const scripts = (JSON.parse(readFileSync(join(paths.repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The npm script that runs a command: its line ends with `scripts/cli.ts <name>`. */
function scriptOf(name: string): string | undefined {
  return Object.entries(scripts).find(([, line]) => line.endsWith(`scripts/cli.ts ${name}`))?.[0];
}

/** The arguments a user types after `npm run <script> --`, every optional part given, each placeholder a sample value. */
function literalArguments(usage: string, script: string): string[] {
  const afterScript = usage.slice(`npm run ${script}`.length).split(/ {3}\(/)[0]!.trim();
  const words = afterScript.replace(/[[\]]/g, ' ').split(/\s+/).filter(Boolean);
  if (words[0] === '--') words.shift();
  return words.map((word) => (word === '--' || word.startsWith('-') ? word : (word.replace(/[<>]/g, '').split('|')[0] ?? word).replace(/^[A-Z]+$|^seconds$/, '1')));
}

const loaded = await Promise.all(Object.entries(commands).map(async ([name, load]) => [name, (await load()).command as Command] as const));

describe('usage lines', () => {
  it.each(loaded)('%s: its usage names its npm script and, typed as shown, is accepted', (name, command) => {
    const script = scriptOf(name);
    expect(script, `no package.json script runs scripts/cli.ts ${name}`).toBeDefined();
    expect(command.usage.startsWith(`npm run ${script!}`)).toBe(true);
    const takesArguments = Object.keys(command.options).length > 0 || command.positionals !== undefined;
    // One `--`, right after the script: npm takes the first and passes everything after it on.
    if (takesArguments) expect(command.usage, 'one `--`, right after the script name').toMatch(new RegExp(`^npm run ${script!} -- `));
    const args = literalArguments(command.usage, script!);
    expect(args, `a second \`--\` in ${command.usage}`).not.toContain('--');
    for (const [option, spec] of Object.entries(command.options)) expect(args.some((arg) => arg === `--${option}` || arg === `-${spec.short}`), `--${option} missing from the usage`).toBe(true);
    expect(() => parseCommandArgs(command, args)).not.toThrow();
  });
});
