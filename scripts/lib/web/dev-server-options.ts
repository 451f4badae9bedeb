/**
 * The Vite dev server's options for `npm run dev:web`, from the typed config: on
 * 127.0.0.1 only, on WEB_DEV_PORT (taken = an error, not another port the API would not
 * allow), and /api proxied to HAProxy. Which origins the proxy forwards, and as what,
 * is dev-origin-guard.ts (a plugin that runs before the proxy).
 */
import type { StackConfig } from '../config/stack-config.ts';

/** What the proxy takes: Vite proxies every URL that starts with its context. */
export const API_PROXY_CONTEXT = '/api';

export function devServerOptions(stack: StackConfig) {
  return {
    host: '127.0.0.1',
    port: stack.devServerPort,
    strictPort: true,
    // Vite's own CORS answers (by default for any localhost or 127.0.0.1 origin) run before
    // every plugin and the proxy: they answered other local pages' preflights for /api with
    // 204. The dev page is same-origin with the dev server and needs none; /api's CORS
    // answers are the API's own, for the origins dev-origin-guard.ts forwards.
    cors: false,
    // Vite serves any file under the repository at /@fs/ to whoever can reach the port; its
    // default deny list misses private keys. .tls/ holds the local CA's key (trusted by the
    // browser after tls:trust), .k8s-secrets/ the cluster passwords. The defaults stay listed:
    // this list replaces them.
    fs: { deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.git/**', '**/.tls/**', '**/.k8s-secrets/**'] },
    proxy: {
      [API_PROXY_CONTEXT]: {
        target: stack.urls.api,
        changeOrigin: false,
      },
    },
  };
}
