/**
 * What a command is: the options it accepts (so `--help` and the unknown-option error
 * come from one place, scripts/lib/cli/parse-command-args.ts) and `run`, which gets
 * the parsed arguments and throws a UserError (scripts/lib/errors.ts) when it cannot
 * do its job or what it checks failed: there is no exit code to return. Only
 * scripts/cli.ts turns that into text and an exit code.
 */

export interface OptionSpec {
  type: 'boolean' | 'string';
  /** One letter: `-f` for `--follow`. */
  short?: string;
  /** What the value stands for in `--help` (`--tail N`); string options only. */
  value?: string;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed option values: a boolean option is `true` when given, a string option its text; absent ones are undefined. */
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? true : string };

export interface CommandArgs<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** One line for `--help` and the list of commands. */
  summary: string;
  /** How it is called, as the user types it: `npm run logs -- [service] [-f] [--tail N]`. */
  usage: string;
  options: O;
  /** Names of the positional arguments it takes (`service`); none when absent. */
  positionals?: string;
  // Method syntax on purpose: a command with its own option types fits the map's Command.
  run(args: CommandArgs<O>): Promise<void>;
}

/** Declares a command with its option types inferred from `options`. */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}
