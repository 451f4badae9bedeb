/**
 * `npm run dev:web`: the front end (web/) with hot reload on http://127.0.0.1:<WEB_DEV_PORT>/,
 * its /api calls proxied to the running stack's HAProxy. Runs until Ctrl-C.
 */
import { join } from 'node:path';
import { defineCommand } from '../lib/cli/command.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { UserError } from '../lib/errors.ts';
import { interruptRequested, listenForInterrupts } from '../lib/interrupts.ts';
import { paths } from '../lib/paths.ts';
import { createOutput } from '../lib/ui/output.ts';
import { devOriginGuard } from '../lib/web/dev-origin-guard.ts';
import { devServerOptions } from '../lib/web/dev-server-options.ts';

export const command = defineCommand({
  summary: 'the front end with hot reload, its /api proxied to the running stack (Ctrl-C stops it)',
  usage: 'npm run dev:web',
  options: {},
  run: () => devWeb(),
});

async function devWeb(): Promise<void> {
  // Listening before anything starts: see interruptRequested.
  const interrupts = listenForInterrupts();
  const { stack } = requireConfig();
  const out = createOutput();
  // Imported here, not at the top: the other commands never load Vite.
  const { createServer } = await import('vite');
  const server = await createServer({ configFile: join(paths.repoRoot, 'web', 'vite.config.ts'), server: devServerOptions(stack), plugins: [devOriginGuard(stack)] });
  try {
    await server.listen();
  } catch (error) {
    await server.close();
    if (/in use/i.test((error as Error).message)) {
      throw new UserError(`port ${stack.devServerPort} (WEB_DEV_PORT) is taken`, 'stop what holds it, or set WEB_DEV_PORT to a free port in .env');
    }
    throw error;
  }
  out.line(`front end with hot reload: ${stack.urls.devServer}  (API calls go to ${stack.urls.api}/api/; the stack must be up: npm run up)`);
  await interruptRequested(interrupts);
  await server.close();
}
