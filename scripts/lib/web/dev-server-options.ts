/**
 * The Vite dev server's options for `npm run dev:web`, from the typed config: on
 * 127.0.0.1 only, on WEB_DEV_PORT (taken = an error, not another port the API would not
 * allow), and /api proxied to HAProxy. The proxy sets Origin to the dev server's own
 * origin, the one catalog-api allows (stack-config.ts), whichever name the browser used
 * (localhost or 127.0.0.1), so writes from the dev page pass CORS.
 */
import type { StackConfig } from '../config/stack-config.ts';

export interface ProxiedRequest {
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): void;
}

export function devServerOptions(stack: StackConfig) {
  const devOrigin = stack.urls.devServer.replace(/\/$/, '');
  return {
    host: '127.0.0.1',
    port: stack.devServerPort,
    strictPort: true,
    proxy: {
      '/api': {
        target: stack.urls.api,
        changeOrigin: false,
        configure: (proxy: { on(event: 'proxyReq', listener: (request: ProxiedRequest) => void): unknown }) => {
          proxy.on('proxyReq', (request) => forwardDevOrigin(request, devOrigin));
        },
      },
    },
  };
}

/** Only a request that carries an Origin gets one: a plain GET without it is not a CORS request. */
export function forwardDevOrigin(request: ProxiedRequest, devOrigin: string): void {
  if (request.getHeader('origin') !== undefined) request.setHeader('origin', devOrigin);
}
