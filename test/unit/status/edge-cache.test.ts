import { describe, expect, it } from 'vitest';
import { describeHits, edgeCacheView } from '../../../scripts/lib/status/edge-cache.ts';
import { renderStatus } from '../../../scripts/lib/status/render-status.ts';

const csv = [
  '# pxname,svname,status,cache_lookups,cache_hits',
  'web,web,UP,,',
  'web,BACKEND,UP,40,30',
  'images,images,UP,,',
  'images,BACKEND,UP,20,19',
  '',
].join('\n');
const plain = { green: (t: string) => t, red: (t: string) => t, yellow: (t: string) => t, dim: (t: string) => t };

describe('edge cache in npm run status', () => {
  it("reads each cached backend's lookups and hits from the stats CSV", () => {
    expect(edgeCacheView(csv)).toEqual([
      { backend: 'web', lookups: 40, hits: 30 },
      { backend: 'images', lookups: 20, hits: 19 },
    ]);
  });

  it('says why when the CSV lacks a backend (an older haproxy.cfg), instead of failing status', () => {
    expect(edgeCacheView(csv.replace(/images,BACKEND.*\n/, ''))).toEqual({ error: 'HAProxy stats have no backend images' });
  });

  it('shows the hit ratio per backend, and no ratio before the first lookup', () => {
    expect(describeHits({ lookups: 20, hits: 19 })).toBe('95 % hits (19 of 20 lookups)');
    expect(describeHits({ lookups: 0, hits: 0 })).toBe('no lookups yet');
    const lines = renderStatus({ profile: 'full', services: [], off: [], connectors: [], edgeCache: edgeCacheView(csv) }, plain).join('\n');
    expect(lines).toContain('images');
    expect(lines).toContain('95 % hits (19 of 20 lookups)');
  });
});
