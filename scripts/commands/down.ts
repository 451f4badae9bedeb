/** `npm run down`: stops and removes the containers; the data volumes stay (reset wipes them). */
import { teardownCompose } from '../lib/compose/configured-compose.ts';
import { createOutput } from '../lib/ui/output.ts';

export async function run(_args: string[]): Promise<number> {
  const out = createOutput();
  await teardownCompose().down();
  out.line(out.green('stack stopped; data volumes kept (npm run reset wipes them)'));
  return 0;
}
