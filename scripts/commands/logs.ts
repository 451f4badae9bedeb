/** `npm run logs [-- <service>] [-- -f] [-- --tail N]`: Compose's logs, all services or one. */
import { parseArgs } from '../lib/args.ts';
import { UserError } from '../lib/errors.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';

const USAGE = 'npm run logs -- [service] [-f] [--tail N]';

export async function run(args: string[]): Promise<number> {
  const { flags, positionals } = parseArgs(args, { boolean: ['follow'], string: ['tail'], aliases: { f: 'follow' } }, USAGE);
  const compose = stackCompose(requireConfig());
  const services = await compose.services();
  const unknown = positionals.filter((name) => !services.includes(name));
  if (unknown.length > 0) throw new UserError(`unknown service ${unknown.join(', ')}`, `use one of: ${services.join(', ')}`);
  await compose.logs(positionals, {
    follow: flags.follow === true,
    tail: flags.tail ? Number(flags.tail) : flags.follow ? 50 : 200,
    onOutput: (chunk) => process.stdout.write(chunk),
  });
  return 0;
}
