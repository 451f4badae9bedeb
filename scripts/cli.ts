/**
 * The single entry point behind every npm script: `node --import tsx scripts/cli.ts <command> [args]`.
 * The commands are listed in scripts/commands/index.ts; each exports `command` (see
 * scripts/lib/cli/command.ts). Arguments are parsed here, once, against the options
 * the command declares. Only this file turns errors into text and exits the process.
 */
import type { Command } from './lib/cli/command.ts';
import { commandHelp, parseCommandArgs } from './lib/cli/parse-command-args.ts';
import { commands, isCommandName } from './commands/index.ts';
import { formatUserError, UsageError, UserError } from './lib/errors.ts';

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const names = Object.keys(commands).join(', ');
  if (name === '--help' || name === '-h') {
    console.log(`commands: ${names}\n\`npm run <script> -- --help\` describes one.`);
    return;
  }
  if (!isCommandName(name)) throw new UsageError(`unknown command "${name ?? ''}"`, `use one of: ${names}`);
  const { command }: { command: Command } = await commands[name]();
  const parsed = parseCommandArgs(command, args);
  if (parsed.help) {
    console.log(commandHelp(command));
    return;
  }
  await command.run(parsed);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UserError) {
      console.error(formatUserError(error));
      // 1 for a failure, 2 for a usage error, 130/143 when interrupted (see errors.ts).
      process.exit(error.exitCode);
    }
    console.error(error);
    process.exit(1);
  },
);
