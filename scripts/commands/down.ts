/** `npm run down`: stops and removes the containers; the data volumes stay (reset wipes them). */
import { composeProjectName, teardownCompose } from '../lib/compose/configured-compose.ts';
import { defineCommand } from '../lib/cli/command.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: 'stops and removes the containers; the data volumes stay',
  usage: 'npm run down',
  options: {},
  run: async () => {
    const out = createOutput();
    const compose = teardownCompose();
    const project = await composeProjectName(compose);
    await compose.down();
    out.line(out.green(`Compose project ${project} stopped; data volumes kept (npm run reset wipes them)`));
  },
});
