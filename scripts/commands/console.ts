/**
 * `npm run console`: the platform console on http://127.0.0.1:<CONSOLE_PORT>/ until
 * Ctrl-C. It reads the running stack; it starts nothing (`npm run up` does).
 */
import { defineCommand } from '../lib/cli/command.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { ensureConsolePage } from '../lib/console/console-page.ts';
import { CONSOLE_BUILD_DIR, startConsole } from '../lib/console/start-console.ts';
import { HTTPS_OPTION } from '../lib/platform-client/edge-api-client.ts';
import { interruptRequested, listenForInterrupts } from '../lib/interrupts.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: 'the platform console: services, HAProxy, connector, indexer, change events (Ctrl-C stops it)',
  usage: 'npm run console -- [--https]',
  options: { ...HTTPS_OPTION },
  run: ({ values }) => consoleUntilInterrupted(values.https === true),
});

async function consoleUntilInterrupted(https: boolean): Promise<void> {
  // Listening before anything starts: see interruptRequested.
  const interrupts = listenForInterrupts();
  const config = requireConfig();
  const out = createOutput();
  await ensureConsolePage(CONSOLE_BUILD_DIR, () => out.line(out.dim('building the console page (web/console, web/src/components/ui)…')));
  const running = await startConsole(config, CONSOLE_BUILD_DIR, https);
  out.line(out.green(`console: ${running.url}`) + out.dim('  (local only; Ctrl-C stops it)'));
  await interruptRequested(interrupts);
  out.line('stopping the console');
  await running.close();
}
