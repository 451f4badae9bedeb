import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../../web/server/static-server.ts';
import { answer, ASSET_CACHE_CONTROL, INDEX_CACHE_CONTROL } from '../../../web/server/static-files.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { makeTempDir, writeTree } from '../helpers/temp-tree.ts';

const files = new Map([
  ['/index.html', { body: Buffer.from('<!doctype html><div id="root"></div>'), contentType: 'text/html; charset=utf-8' }],
  ['/assets/index-abc123.js', { body: Buffer.from('console.log(1)'), contentType: 'text/javascript; charset=utf-8' }],
]);

describe("the front end's static answers", () => {
  it('never caches index.html', () => {
    for (const path of ['/', '/index.html']) {
      const result = answer('GET', path, files);
      expect(result.status, path).toBe(200);
      expect(result.headers['Cache-Control'], path).toBe(INDEX_CACHE_CONTROL);
    }
  });

  it('marks hashed assets immutable for a year', () => {
    const result = answer('GET', '/assets/index-abc123.js?v=1', files);
    expect(result).toMatchObject({ status: 200, headers: { 'Cache-Control': 'public, max-age=31536000, immutable', 'Content-Type': 'text/javascript; charset=utf-8' } });
    expect(ASSET_CACHE_CONTROL).toContain('immutable');
  });

  it('answers the pages of the app with index.html (SPA fallback)', () => {
    for (const path of ['/hotels/42', '/hotels/new', '/connectors', '/?q=x']) {
      const result = answer('GET', path, files);
      expect(String(result.body), path).toContain('<div id="root">');
      expect(result.headers['Cache-Control'], path).toBe('no-cache');
    }
  });

  it('answers a missing file with a plain 404, never HTML a browser would run as script', () => {
    for (const path of ['/assets/gone-123.js', '/favicon.ico', '/../../etc/passwd.txt']) {
      const result = answer('GET', path, files);
      expect(result.status, path).toBe(404);
      expect(result.headers['Content-Type'], path).toBe('text/plain; charset=utf-8');
    }
  });

  it('has its own health endpoint and refuses writes', () => {
    expect(answer('GET', '/healthz', files)).toMatchObject({ status: 200, body: 'ok\n' });
    expect(answer('POST', '/hotels/1', files)).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD' } });
    expect(answer('GET', '/%E0%A4%A', files).status).toBe(400);
  });
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | undefined): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) parsed.set(name.toLowerCase(), values);
  }
  return parsed;
}

describe("the page's security headers", () => {
  const answers = {
    'index.html': answer('GET', '/', files),
    'a page of the app': answer('GET', '/hotels/42', files),
    'an asset': answer('GET', '/assets/index-abc123.js', files),
    'a missing file': answer('GET', '/assets/gone.js', files),
    'a refused method': answer('POST', '/', files),
  };

  it('send a Content-Security-Policy: scripts, styles, images and fetch from the page itself only, no framing', () => {
    for (const [what, result] of Object.entries(answers)) {
      const csp = directives(result.headers['Content-Security-Policy']);
      expect(csp.get('default-src'), what).toEqual(["'none'"]);
      // No inline script and no eval: an injected <script> or onclick= does not run.
      expect(csp.get('script-src'), what).toEqual(["'self'"]);
      expect(csp.get('connect-src'), what).toEqual(["'self'"]);
      expect(csp.get('img-src'), what).toEqual(["'self'"]);
      expect(csp.get('style-src')?.[0], what).toBe("'self'");
      expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
      expect(csp.get('base-uri'), what).toEqual(["'none'"]);
      expect(csp.get('form-action'), what).toEqual(["'self'"]);
    }
  });

  it('forbid framing and sniffing for older browsers too, and keep the referrer on the site', () => {
    for (const [what, result] of Object.entries(answers)) {
      expect(result.headers, what).toMatchObject({ 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    }
  });

  it("fit the page's HTML: every script is a file (script-src 'self' runs no inline script)", () => {
    const html = readFileSync(`${paths.repoRoot}/web/index.html`, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, attributes, body] of scripts) {
      expect(attributes, tag).toMatch(/\bsrc="\//);
      expect(body!.trim(), tag).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('the static server over HTTP', () => {
  let base = '';
  let close = async () => {};
  beforeAll(async () => {
    const dir = await makeTempDir('web-static-');
    await writeTree(dir.path, { 'index.html': '<!doctype html><title>t</title>', 'assets/app-1a2b.css': 'body{}', 'nested/file.txt': 'x' });
    const { app, listening } = startStaticServer(dir.path, 0, '127.0.0.1');
    await listening;
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    close = async () => {
      await app.close();
      await dir.remove();
    };
  });
  afterAll(() => close());

  it('serves the files it found at start, with their types and cache headers', async () => {
    const css = await fetch(`${base}/assets/app-1a2b.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe(ASSET_CACHE_CONTROL);
    expect(await (await fetch(`${base}/nested/file.txt`)).text()).toBe('x');
    const page = await fetch(`${base}/hotels/7/edit`);
    expect(page.headers.get('cache-control')).toBe(INDEX_CACHE_CONTROL);
    expect(await page.text()).toContain('<title>t</title>');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it("answers HEAD, a path the router cannot decode and a refused method by the same rules, with the page's headers", async () => {
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe(INDEX_CACHE_CONTROL);
    const broken = await fetch(`${base}/%E0%A4%A`);
    expect(broken.status).toBe(400);
    expect(await broken.text()).toBe('Bad request: the path is not valid percent-encoding.\n');
    expect(broken.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const put = await fetch(`${base}/`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
  });
});
