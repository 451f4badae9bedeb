import { describe, expect, it } from 'vitest';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { devServerOptions, forwardDevOrigin, type ProxiedRequest } from '../../../scripts/lib/web/dev-server-options.ts';

const stack = stackConfigOf({ HTTP_PORT: '24080', WEB_DEV_PORT: '24173', CORS_ORIGINS: '' });

function request(headers: Record<string, string>): ProxiedRequest & { headers: Record<string, string> } {
  return { headers, getHeader: (name) => headers[name], setHeader: (name, value) => void (headers[name] = value) };
}

describe('the dev server', () => {
  it('listens on loopback at WEB_DEV_PORT, refusing to move to another port, and proxies /api to HAProxy', () => {
    const options = devServerOptions(stack);
    expect(options).toMatchObject({ host: '127.0.0.1', port: 24173, strictPort: true });
    expect(options.proxy['/api']).toMatchObject({ target: 'http://127.0.0.1:24080', changeOrigin: false });
  });

  it("forwards the dev origin, one catalog-api allows, whichever name the browser used", () => {
    const devOrigin = 'http://127.0.0.1:24173';
    expect(stack.corsOrigins).toContain(devOrigin);
    const fromLocalhost = request({ origin: 'http://localhost:24173' });
    forwardDevOrigin(fromLocalhost, devOrigin);
    expect(fromLocalhost.headers.origin).toBe(devOrigin);
    const noOrigin = request({});
    forwardDevOrigin(noOrigin, devOrigin);
    expect(noOrigin.headers).toEqual({});
  });

  it('wires the origin rewrite into the proxy', () => {
    const listeners: Array<(r: ProxiedRequest) => void> = [];
    devServerOptions(stack).proxy['/api'].configure({ on: (_event, listener) => listeners.push(listener) });
    const proxied = request({ origin: 'http://localhost:24173' });
    listeners.forEach((listener) => listener(proxied));
    expect(proxied.headers.origin).toBe('http://127.0.0.1:24173');
  });
});
