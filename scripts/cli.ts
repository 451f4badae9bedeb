/**
 * The single entry point behind every npm script: `tsx scripts/cli.ts <command> [args]`.
 * Each command lives in scripts/commands/<name>.ts and exports `run(args)`.
 * Only this file exits the process.
 */
import { formatUserError, Interrupted, UserError } from './lib/errors.ts';

const commands = ['doctor', 'up', 'status', 'logs', 'down', 'reset', 'smoke', 'seed', 'bench-latency', 'bench-idle', 'verify', 'bench-verify', 'bench-throughput', 'reindex'] as const;
type CommandName = (typeof commands)[number];

function isCommand(name: string | undefined): name is CommandName {
  return commands.includes(name as CommandName);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!isCommand(name)) {
    console.error(`Unknown command "${name ?? ''}". Commands: ${commands.join(', ')}.`);
    return 2;
  }
  const module = (await import(`./commands/${name}.ts`)) as { run: (args: string[]) => Promise<number | void> };
  return (await module.run(args)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UserError) {
      console.error(formatUserError(error));
      // Interrupted: 130 (SIGINT) or 143 (SIGTERM), what a shell reports for a process the signal ended.
      process.exit(error instanceof Interrupted ? error.exitCode : 1);
    }
    console.error(error);
    process.exit(1);
  },
);
