/**
 * The front end's server in the `web` container: web/dist from memory, no dependencies
 * (a framework would be the only thing in node_modules). HAProxy sends it everything
 * that is not /api/; its /healthz is the container's healthcheck.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { answer, contentTypeOf, type StaticFile } from './static-files.ts';

export function loadFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(root, full).split(sep).join('/')}`;
    files.set(urlPath, { body: readFileSync(full), contentType: contentTypeOf(urlPath) });
  }
  return files;
}

export function startStaticServer(root: string, port: number, host = '0.0.0.0') {
  const files = loadFiles(root);
  const server = createServer((req, res) => {
    const result = answer(req.method ?? 'GET', req.url ?? '/', files);
    res.writeHead(result.status, result.headers);
    res.end(req.method === 'HEAD' ? undefined : result.body);
  });
  server.keepAliveTimeout = 65_000;
  return { server, files, listening: new Promise<void>((resolve) => server.listen(port, host, resolve)) };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const root = process.env.WEB_ROOT ?? join(import.meta.dirname, '..', '..', 'dist');
  const port = Number(process.env.PORT ?? 8080);
  const { server, files, listening } = startStaticServer(root, port);
  void listening.then(() => console.log(JSON.stringify({ msg: 'web listening', port, root, files: files.size })));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
