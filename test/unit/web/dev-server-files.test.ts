/**
 * The dev server's file access with the real Vite (dev-server-options.ts): the local CA's key
 * and the other secrets in a checkout are refused at /@fs/, a source file is served.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { devServerOptions } from '../../../scripts/lib/web/dev-server-options.ts';

const root = mkdtempSync(join(tmpdir(), 'dev-server-files-'));
let server: ViteDevServer;
let base: string;

beforeAll(async () => {
  mkdirSync(join(root, '.tls'));
  mkdirSync(join(root, '.k8s-secrets'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, '.tls', 'ca.key'), 'PRIVATE');
  writeFileSync(join(root, '.tls', 'notes.txt'), 'PRIVATE');
  writeFileSync(join(root, 'server.key'), 'PRIVATE');
  writeFileSync(join(root, '.k8s-secrets', 'local.yaml'), 'PRIVATE');
  writeFileSync(join(root, 'src', 'page.txt'), 'PUBLIC');
  const options = devServerOptions(stackConfigOf({ HTTP_PORT: '24080', WEB_DEV_PORT: '24173', CORS_ORIGINS: '' }));
  server = await createServer({ configFile: false, root, logLevel: 'silent', server: { ...options, port: 0, strictPort: false, fs: { ...options.fs, allow: [root] } } });
  await server.listen();
  const address = server.httpServer!.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the dev server and the files of a checkout', () => {
  it.each(['.tls/ca.key', '.tls/notes.txt', 'server.key', '.k8s-secrets/local.yaml'])('refuses /@fs/…/%s', async (file) => {
    const response = await fetch(`${base}/@fs${join(root, file)}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('PRIVATE');
  });

  it('still serves a file of the project', async () => {
    const response = await fetch(`${base}/@fs${join(root, 'src', 'page.txt')}`);
    expect(await response.text()).toContain('PUBLIC');
  });
});
