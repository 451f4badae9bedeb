/**
 * The one argument parser of the orchestrator: node:util's parseArgs, fed with the
 * options the command declares, plus `--help`/`-h` for every command. Its tokens are
 * checked here rather than by parseArgs' strict mode, so an error names the option as
 * the user typed it and says how to get the command right (exit 2, UsageError).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.ts';
import type { Command, CommandArgs, OptionSpecs, OptionValues } from './command.ts';

export type ParsedCommandLine<O extends OptionSpecs> = { help: true } | ({ help: false } & CommandArgs<O>);

export function parseCommandArgs<O extends OptionSpecs>(command: Pick<Command<O>, 'options' | 'usage' | 'positionals'>, args: string[]): ParsedCommandLine<O> {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options)) options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}) };
  const { values, positionals, tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  if (values.help === true) return { help: true };

  const wrong = (message: string) => new UsageError(message, `${command.usage}   (--help lists the options)`);
  // npm passes on everything after its own `--`: a second one (`npm run up -- --clean -- --build`) reaches us and turns the rest into arguments.
  const terminator = tokens.find((token) => token.kind === 'option-terminator');
  if (terminator && (command.positionals === undefined || args.slice(terminator.index + 1).some((arg) => arg.startsWith('-')))) {
    throw new UsageError(`a second \`--\` before ${args.slice(terminator.index + 1).join(' ') || 'nothing'}: npm needs one, before the first option`, command.usage);
  }
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = token.name === 'help' ? undefined : command.options[token.name];
    if (!spec) throw wrong(`unknown option ${token.rawName}`);
    if (spec.type === 'string' && token.value === undefined) throw wrong(`${token.rawName} needs a value`);
    if (spec.type === 'boolean' && token.inlineValue) throw wrong(`${token.rawName} takes no value`);
  }
  if (!command.positionals && positionals.length > 0) throw wrong(`unexpected argument ${positionals[0]}`);
  const { help: _help, ...declared } = values;
  return { help: false, values: declared as OptionValues<O>, positionals };
}

/** `--help` of a command: what it does, how to call it, each option. */
export function commandHelp(command: Pick<Command, 'summary' | 'usage' | 'options'>): string {
  const rows = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    return [flag, spec.description] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [`${command.summary}`, '', `usage: ${command.usage}`, '', 'options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`)].join('\n');
}
