/**
 * The front end's build. Ports and the API's address are not here: `npm run dev:web`
 * (scripts/commands/dev-web.ts) passes them from the typed config (stack-config.ts).
 */
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under /assets/: the static server marks them immutable and HAProxy caches them.
    assetsDir: 'assets',
  },
});
