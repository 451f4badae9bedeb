/**
 * The `web` container's process: web/dist (WEB_ROOT) on PORT, JSON logs (pino) on stdout.
 * HAProxy sends it everything that is not /api/; its /healthz is the container's
 * healthcheck. The image runs this file bundled with its dependencies (compose/web.Dockerfile).
 */
import { join } from 'node:path';
import { startStaticServer } from './static-server.ts';

const root = process.env.WEB_ROOT ?? join(import.meta.dirname, '..', 'dist');
const port = Number(process.env.PORT ?? 8080);
const { app, files, listening } = startStaticServer(root, port, '0.0.0.0', { logger: { level: 'info' } });
await listening;
app.log.info({ root, files: files.size }, 'web listening');
// close(): no new connections, idle keep-alive ones closed, requests in flight answered; then exit.
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
