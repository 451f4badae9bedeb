/**
 * `npm run reset -- [--yes]`: `down -v`, wiping MySQL, Kafka and Elasticsearch data.
 * Asks on a terminal; without one it refuses unless --yes says the caller means it.
 */
import { defineCommand } from '../lib/cli/command.ts';
import type { Compose } from '../lib/compose/compose.ts';
import { composeProjectName, teardownCompose } from '../lib/compose/configured-compose.ts';
import { Cancelled, UserError } from '../lib/errors.ts';
import { confirm } from '../lib/ui/confirm.ts';
import { createOutput, type Output } from '../lib/ui/output.ts';

export type ResetDecision = 'proceed' | 'ask' | 'refuse';

export function decideReset(yes: boolean, stdinIsTty: boolean): ResetDecision {
  if (yes) return 'proceed';
  return stdinIsTty ? 'ask' : 'refuse';
}

export interface ResetDeps {
  stdinIsTty: boolean;
  confirm: (question: string) => Promise<boolean>;
  compose: () => Pick<Compose, 'down' | 'config'>;
  out: Pick<Output, 'line'>;
}

const realDeps = (): ResetDeps => ({ stdinIsTty: Boolean(process.stdin.isTTY), confirm: (question) => confirm(question), compose: () => teardownCompose(), out: createOutput() });

export const command = defineCommand({
  summary: 'removes the stack and wipes its data volumes (MySQL, Kafka, Elasticsearch)',
  usage: 'npm run reset -- [--yes]',
  options: { yes: { type: 'boolean', short: 'y', description: 'do not ask (needed without a terminal)' } },
  run: ({ values }) => reset(values.yes === true),
});

export async function reset(yes: boolean, deps: ResetDeps = realDeps()): Promise<void> {
  const decision = decideReset(yes, deps.stdinIsTty);
  if (decision === 'refuse') {
    throw new UserError('reset deletes every data volume (MySQL, Kafka, Elasticsearch) and there is no terminal to confirm it', 'npm run reset -- --yes');
  }
  const compose = deps.compose();
  // Several stacks can share a machine (COMPOSE_PROJECT_NAME): say which one loses its data.
  const project = await composeProjectName(compose);
  if (decision === 'ask' && !(await deps.confirm(`Delete all data volumes of the Compose project ${project} (MySQL, Kafka, Elasticsearch)?`))) {
    throw new Cancelled(`reset cancelled: nothing of ${project} deleted`, 'answer y to delete the data volumes, or run `npm run reset -- --yes`');
  }
  await compose.down({ volumes: true });
  deps.out.line(`Compose project ${project} removed and its data volumes wiped; \`npm run up\` starts fresh`);
}
