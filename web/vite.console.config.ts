/**
 * The console's page (`npm run console` builds it when web/console or the shared kit
 * changed): a second app in web/, on the same UI kit as the booking front end —
 * `@/` is web/src, so `@/components/ui/*` are the very files the front end uses.
 * Served by the console itself (scripts/lib/console/console-server.ts), never by HAProxy.
 */
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./console', import.meta.url)),
  base: '/',
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist-console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
  },
});
