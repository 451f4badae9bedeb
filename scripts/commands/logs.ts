/** `npm run logs -- [service] [-f] [--tail N]`: Compose's logs, all services or one. */
import { defineCommand } from '../lib/cli/command.ts';
import { UserError } from '../lib/errors.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { plainUnlessTerminal } from '../lib/ui/control-codes.ts';

const USAGE = 'npm run logs -- [service] [-f] [--tail N]';

export const command = defineCommand({
  summary: "Compose's logs, of all services or of the ones named",
  usage: USAGE,
  positionals: 'service',
  options: {
    follow: { type: 'boolean', short: 'f', description: 'keep printing new lines (starts from the last 50)' },
    tail: { type: 'string', value: 'N', description: 'lines to show from the end of each log (default 200)' },
  },
  run: async ({ values: flags, positionals }) => {
  const compose = stackCompose(requireConfig());
  const services = await compose.services();
  const unknown = positionals.filter((name) => !services.includes(name));
  if (unknown.length > 0) throw new UserError(`unknown service ${unknown.join(', ')}`, `use one of: ${services.join(', ')}`);
  const write = plainUnlessTerminal(process.stdout);
  await compose.logs(positionals, {
    follow: flags.follow === true,
    tail: flags.tail ? Number(flags.tail) : flags.follow ? 50 : 200,
    onOutput: write,
  });
  },
});
