import { describe, expect, it } from 'vitest';
import { command } from '../../../scripts/commands/snapshot.ts';
import { parseCommandArgs } from '../../../scripts/lib/cli/parse-command-args.ts';
import { UsageError } from '../../../scripts/lib/errors.ts';

/** Each of these is refused from the arguments alone: nothing is read, stopped or copied. */
async function refusal(args: string[]): Promise<UsageError> {
  const parsed = parseCommandArgs(command, args);
  if (parsed.help) throw new Error('help');
  return command.run(parsed).then(
    () => {
      throw new Error(`accepted ${args.join(' ')}`);
    },
    (error: unknown) => error as UsageError,
  );
}

describe('npm run snapshot', () => {
  it.each([
    [[], 'an action is missing'],
    [['take', 'x'], 'unknown action "take"'],
    [['save'], 'a snapshot name is missing'],
    [['restore', '../etc'], '"../etc" cannot be a snapshot name'],
    [['rm', 'a', 'b'], 'unexpected argument b'],
    [['list', 'a'], 'unexpected argument a'],
    [['restore', 'x', '--force'], '--force applies to save only'],
  ])('%j is a usage error: %s', async (args, message) => {
    const error = await refusal(args);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(message);
    expect(error.fix).toContain('npm run snapshot -- save <name> [--force] | restore <name> | list | rm <name>');
  });
});
