/**
 * The front end's dev server (Vite, hot reload) on WEB_DEV_PORT, its /api calls proxied
 * to the running stack's HAProxy: `npm run dev:web` alone, or as one of `npm run dev`'s
 * two loops.
 */
import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { UserError } from '../errors.ts';
import { paths } from '../paths.ts';
import { devOriginGuard } from './dev-origin-guard.ts';
import { devServerOptions } from './dev-server-options.ts';

export interface WebDevServer {
  close(): Promise<void>;
}

export async function startWebDevServer(stack: StackConfig): Promise<WebDevServer> {
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
  return { close: () => server.close() };
}
