import { describe, expect, it } from 'vitest';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { devServerOptions } from '../../../scripts/lib/web/dev-server-options.ts';

const stack = stackConfigOf({ HTTP_PORT: '24080', WEB_DEV_PORT: '24173', CORS_ORIGINS: '' });

describe('the dev server', () => {
  it('listens on loopback at WEB_DEV_PORT, refusing to move to another port, and proxies /api to HAProxy', () => {
    const options = devServerOptions(stack);
    expect(options).toMatchObject({ host: '127.0.0.1', port: 24173, strictPort: true, cors: false });
    expect(options.proxy['/api']).toEqual({ target: 'http://127.0.0.1:24080', changeOrigin: false });
  });
});
