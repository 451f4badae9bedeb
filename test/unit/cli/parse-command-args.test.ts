import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../../scripts/lib/cli/command.ts';
import { commandHelp, parseCommandArgs } from '../../../scripts/lib/cli/parse-command-args.ts';
import { UsageError } from '../../../scripts/lib/errors.ts';

const logs = defineCommand({
  summary: "Compose's logs",
  usage: 'npm run logs -- [service] [-f] [--tail N]',
  positionals: 'service',
  options: {
    follow: { type: 'boolean', short: 'f', description: 'keep printing' },
    json: { type: 'boolean', description: 'as JSON' },
    tail: { type: 'string', value: 'N', description: 'lines from the end' },
  },
  run: async () => {},
});

function usageError(args: string[], command: Parameters<typeof parseCommandArgs>[0] = logs): UsageError {
  try {
    parseCommandArgs(command, args);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`parseCommandArgs accepted ${args.join(' ')}`);
}

describe('parseCommandArgs', () => {
  it('reads flags, short names, values and positionals', () => {
    expect(parseCommandArgs(logs, ['mysql', '-f', '--tail', '20'])).toEqual({ help: false, values: { follow: true, tail: '20' }, positionals: ['mysql'] });
    expect(parseCommandArgs(logs, ['--tail=5', '--json'])).toEqual({ help: false, values: { tail: '5', json: true }, positionals: [] });
  });

  it('rejects unknown options and missing values as usage errors (exit 2) with the usage as fix', () => {
    const unknown = usageError(['--nope']);
    expect(unknown.message).toBe('unknown option --nope');
    expect(unknown.fix).toBe('npm run logs -- [service] [-f] [--tail N]   (--help lists the options)');
    expect(unknown.exitCode).toBe(2);
    expect(usageError(['-x']).message).toBe('unknown option -x');
    expect(usageError(['--tail']).message).toBe('--tail needs a value');
    expect(usageError(['--json=yes']).message).toBe('--json takes no value');
  });

  it('refuses positionals a command does not take', () => {
    const down = { usage: 'npm run down', options: {} };
    expect(usageError(['now'], down).message).toBe('unexpected argument now');
    expect(parseCommandArgs(down, [])).toEqual({ help: false, values: {}, positionals: [] });
  });

  it('answers --help and -h for every command, whatever else is on the line', () => {
    expect(parseCommandArgs(logs, ['--help'])).toEqual({ help: true });
    expect(parseCommandArgs({ usage: 'npm run down', options: {} }, ['-h', '--nope'])).toEqual({ help: true });
  });
});

describe('commandHelp', () => {
  it('lists what the command does, its usage and each option with its value name', () => {
    expect(commandHelp(logs).split('\n')).toEqual([
      "Compose's logs",
      '',
      'usage: npm run logs -- [service] [-f] [--tail N]',
      '',
      'options:',
      '  -f, --follow  keep printing',
      '      --json    as JSON',
      '      --tail N  lines from the end',
      '  -h, --help    show this help',
    ]);
  });
});

describe('a second `--`', () => {
  it('says that one `--` is enough and shows the usage, instead of taking the options after it as arguments', () => {
    const up = defineCommand({ summary: 'up', usage: 'npm run up -- [--clean] [--timeout <seconds>]', options: { clean: { type: 'boolean', description: '' }, timeout: { type: 'string', description: '' } }, run: async () => {} });
    const error = usageError(['--clean', '--', '--timeout', '60'], up);
    expect(error.message).toBe('a second `--` before --timeout 60: npm needs one, before the first option');
    expect(error.fix).toBe('npm run up -- [--clean] [--timeout <seconds>]');
  });
});
