/**
 * `npm run reset [-- --yes]`: `down -v`, wiping MySQL, Kafka and Elasticsearch data.
 * Asks on a terminal; without one it refuses unless --yes says the caller means it.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { UserError } from '../lib/errors.ts';
import { teardownCompose } from '../lib/compose/configured-compose.ts';
import { confirm } from '../lib/ui/confirm.ts';
import { createOutput } from '../lib/ui/output.ts';

export type ResetDecision = 'proceed' | 'ask' | 'refuse';

export function decideReset(yes: boolean, stdinIsTty: boolean): ResetDecision {
  if (yes) return 'proceed';
  return stdinIsTty ? 'ask' : 'refuse';
}

export const command = defineCommand({
  summary: 'removes the stack and wipes its data volumes (MySQL, Kafka, Elasticsearch)',
  usage: 'npm run reset [-- --yes]',
  options: { yes: { type: 'boolean', short: 'y', description: 'do not ask (needed without a terminal)' } },
  run: async ({ values: flags }) => {
  const decision = decideReset(flags.yes === true, Boolean(process.stdin.isTTY));
  if (decision === 'refuse') {
    throw new UserError('reset deletes every data volume (MySQL, Kafka, Elasticsearch) and there is no terminal to confirm it', 'npm run reset -- --yes');
  }
  if (decision === 'ask' && !(await confirm('Delete all data volumes of the stack (MySQL, Kafka, Elasticsearch)?'))) {
    createOutput().line('nothing deleted');
    return 1;
  }
  await teardownCompose().down({ volumes: true });
  createOutput().line('stack removed and data volumes wiped; `npm run up` starts fresh');
  return 0;
  },
});
