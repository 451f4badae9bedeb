import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backendCacheCounters, chunkReferences, gzipSize, hitRatio, initialAssets } from '../../../scripts/lib/bench/page-load.ts';

describe('what a first visit loads', () => {
  it("reads the entry script, modulepreloads and stylesheets from Vite's index.html", () => {
    const html = `<!doctype html><head>
      <script type="module" crossorigin src="/assets/index-Ab12.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-Cd34.js">
      <link rel="stylesheet" crossorigin href="/assets/index-Ef56.css">
      <link rel="icon" href="/favicon.ico">
    </head>`;
    expect(initialAssets(html)).toEqual({ scripts: ['/assets/index-Ab12.js', '/assets/vendor-Cd34.js'], styles: ['/assets/index-Ef56.css'] });
  });

  it('counts gzip bytes: repetitive code shrinks, random bytes do not', () => {
    const text = 'const a = 1;\n'.repeat(1000);
    expect(gzipSize(text)).toBeLessThan(text.length / 10);
    const noise = randomBytes(4096);
    expect(gzipSize(noise)).toBeGreaterThan(4096);
  });
});

describe("HAProxy's cache counters", () => {
  const csv = [
    '# pxname,svname,qcur,cache_lookups,cache_hits,',
    'http,FRONTEND,0,,,',
    'web,web,0,,,',
    'web,BACKEND,0,40,30,',
    'catalog_api,BACKEND,0,0,0,',
  ].join('\n');

  it("reads the web backend's lookups and hits", () => {
    expect(backendCacheCounters(csv, 'web')).toEqual({ lookups: 40, hits: 30 });
  });

  it('says which backend or column is missing', () => {
    expect(() => backendCacheCounters(csv, 'nope')).toThrow('HAProxy stats have no backend nope');
    expect(() => backendCacheCounters('# pxname,svname\n', 'web')).toThrow('no cache_lookups column');
  });

  it('computes the ratio of the interval between two readings', () => {
    expect(hitRatio({ lookups: 40, hits: 30 }, { lookups: 60, hits: 50 })).toBe(1);
    expect(hitRatio({ lookups: 40, hits: 30 }, { lookups: 40, hits: 30 })).toBeUndefined();
  });
});

describe('chunkReferences', () => {
  it("finds the chunks a script imports later, from Vite's imports and preload lists, once each", () => {
    const entry = 'const d=["assets/booking-page-wNzx.js","assets/booking-api-Dnf.js"];x(()=>import("./booking-page-wNzx.js"),d);import("./calendar-BoJQ.js")';
    expect(chunkReferences(entry)).toEqual(['/assets/booking-page-wNzx.js', '/assets/booking-api-Dnf.js', '/assets/calendar-BoJQ.js']);
    expect(chunkReferences('import{a as b}from"./index-DeZJ.js";')).toEqual(['/assets/index-DeZJ.js']);
    expect(chunkReferences('const s="not/assets/x.css"')).toEqual([]);
  });
});
