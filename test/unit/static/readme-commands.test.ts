/**
 * The commands the README shows, taken literally: each `npm run …` it quotes names a
 * script of package.json and, for the orchestrator's commands, passes only options the
 * command declares, after one `--`, so a reader who copies a line gets what it says.
 * (The Verify sample is checked against real output in test/e2e/npm-signals.e2e.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, isCommandName } from '../../../scripts/commands/index.ts';
import { parseCommandArgs } from '../../../scripts/lib/cli/parse-command-args.ts';
import { paths } from '../../../scripts/lib/paths.ts';

const readme = readFileSync(join(paths.repoRoot, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(paths.repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Every `npm run <script> [-- args]` in backticks or on a line of a code block; placeholders (`<service>`) get a sample. */
const quoted = [...readme.matchAll(/`npm run ([\w:-]+)((?: [^`|]*)?)`|^npm run ([\w:-]+)([^\n#]*)/gm)]
  .map((m) => ({ script: m[1] ?? m[3]!, args: (m[2] ?? m[4] ?? '').replace(/\\\|/g, '|').split(' && ')[0]!.trim() }))
  .filter(({ script }) => script !== '<script>');

describe('the README’s commands', () => {
  it('quotes at least the commands of its table', () => {
    expect(quoted.map((q) => q.script)).toEqual(expect.arrayContaining(['up', 'status', 'verify', 'logs', 'down', 'reset']));
  });

  it.each(quoted.map((q) => [`npm run ${q.script} ${q.args}`.trim(), q] as const))('%s runs as written', async (_line, { script, args }) => {
    expect(scripts[script], `package.json has no script "${script}"`).toBeDefined();
    const name = /scripts\/cli\.ts (\S+)$/.exec(scripts[script]!)?.[1];
    if (!name || !args) return;
    expect(args.startsWith('-- '), `${script}: arguments go after one \`--\``).toBe(true);
    const words = args.slice(3).split(/\s+/).map((word) => (word.startsWith('<') ? (word.replace(/[<>]/g, '').split('|')[0] ?? word) : word));
    expect(isCommandName(name)).toBe(true);
    const { command } = await commands[name as keyof typeof commands]();
    expect(() => parseCommandArgs(command, words)).not.toThrow();
  });
});
