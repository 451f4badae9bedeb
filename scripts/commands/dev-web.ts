/**
 * `npm run dev:web`: the front end (web/) with hot reload on http://127.0.0.1:<WEB_DEV_PORT>/,
 * its /api calls proxied to the running stack's HAProxy. Runs until Ctrl-C.
 * `npm run dev` runs it too, beside the services' reload.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { interruptRequested, listenForInterrupts } from '../lib/interrupts.ts';
import { createOutput } from '../lib/ui/output.ts';
import { startWebDevServer } from '../lib/web/start-web-dev-server.ts';

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
  const server = await startWebDevServer(stack);
  out.line(`front end with hot reload: ${stack.urls.devServer}  (API calls go to ${stack.urls.api}/api/; the stack must be up: npm run up)`);
  await interruptRequested(interrupts);
  await server.close();
}
