/**
 * The image bench's arithmetic on a fake CDN: a cache that remembers the paths it answered
 * (MISS the first time, HIT after) and times scripted per size and format, so each figure
 * the bench prints is known in advance.
 */
import { describe, expect, it } from 'vitest';
import { imageUrl } from '../../../services/images/contract.ts';
import { seededRandom } from '../../../services/lib/sample-photo.ts';
import { judgeImageGoals, measureCold, measureSkewedHits, measureWarm, variantsOf, type FetchImage, type ImageFetch } from '../../../scripts/lib/bench/image-bench.ts';

const hash = (n: number) => n.toString(16).padStart(64, '0');

/** A cache in front of a resizer: cold times by size (plus 1 ms per photo number), 1 ms for a hit. */
function fakeCdn(options: { capacity?: number } = {}) {
  const cached: string[] = [];
  const asked: string[] = [];
  const coldMs: Record<string, number> = { thumb: 40, card: 100, large: 400 };
  const get: FetchImage = async (path): Promise<ImageFetch> => {
    asked.push(path);
    if (cached.includes(path)) return { status: 200, cache: 'HIT', bytes: 1000, ms: 1 };
    cached.push(path);
    if (options.capacity !== undefined && cached.length > options.capacity) cached.shift();
    const [, , photo, file] = path.split('/');
    const size = file!.split('.')[0]!;
    return { status: 200, cache: 'MISS', bytes: 5000, ms: coldMs[size]! + parseInt(photo!, 16) };
  };
  return { get, asked, cached };
}

describe('variantsOf', () => {
  it('lists every size in every format of each photo, photo by photo', () => {
    const variants = variantsOf([hash(1), hash(2)]);
    expect(variants).toHaveLength(18);
    expect(variants[0]).toEqual({ hash: hash(1), size: 'thumb', format: 'avif', path: imageUrl(hash(1), 'thumb', 'avif') });
    expect(variants.slice(0, 9).every((v) => v.hash === hash(1))).toBe(true);
    expect(new Set(variants.map((v) => v.path)).size).toBe(18);
  });
});

describe('measureCold', () => {
  it('asks for each URL once and gives the median per size and format (nearest rank)', async () => {
    const cdn = fakeCdn();
    const cold = await measureCold(variantsOf([hash(1), hash(2), hash(3)]), cdn.get);
    expect(cdn.asked).toHaveLength(27);
    expect(cold.unexpected).toEqual([]);
    const card = cold.byVariant.find((v) => v.size === 'card' && v.format === 'webp')!;
    // 101, 102, 103 ms: the median is the second.
    expect(card.summary).toMatchObject({ runs: 3, min: 101, median: 102, max: 103 });
    expect(card.medianBytes).toBe(5000);
    expect(cold.byVariant.find((v) => v.size === 'large' && v.format === 'avif')!.summary.median).toBe(402);
  });

  it('leaves out and names an answer that was not a cold 200', async () => {
    const cdn = fakeCdn();
    await cdn.get(imageUrl(hash(1), 'thumb', 'jpg'));
    const failing: FetchImage = async (path) => (path.endsWith('card.avif') ? { status: 503, cache: undefined, bytes: 0, ms: 5 } : cdn.get(path));
    const cold = await measureCold(variantsOf([hash(1)]), failing);
    expect(cold.unexpected).toEqual([`${imageUrl(hash(1), 'thumb', 'jpg')}: HTTP 200, X-Cache-Status HIT`, `${imageUrl(hash(1), 'card', 'avif')}: HTTP 503, X-Cache-Status none`]);
    expect(cold.byVariant).toHaveLength(7);
  });
});

describe('measureWarm', () => {
  it('takes the URLs in turn and counts what was not a hit', async () => {
    const cdn = fakeCdn();
    const variants = variantsOf([hash(1)]);
    await measureCold(variants.slice(0, 8), cdn.get);
    const warm = await measureWarm(variants, 18, cdn.get);
    expect(cdn.asked.slice(8)).toEqual([...variants, ...variants].map((v) => v.path));
    // The ninth URL (large.jpg, 401 ms cold) was never asked for: its first request misses; the rest are 1 ms hits.
    expect(warm.notHits).toBe(1);
    expect(warm.summary).toMatchObject({ runs: 18, median: 1, p95: 401, max: 401 });
    await expect(measureWarm([], 3, cdn.get)).rejects.toThrow(/no image URLs/);
  });
});

describe('measureSkewedHits', () => {
  it('counts hits in the measured part only; each URL the warm-up did not ask for misses once', async () => {
    const cdn = fakeCdn();
    const variants = variantsOf(Array.from({ length: 12 }, (_, i) => hash(i + 1)));
    let askedBeforeMeasuring = -1;
    const figures = await measureSkewedHits(variants, { warmup: 300, measured: 2000, exponent: 1 }, seededRandom(5), cdn.get, async () => {
      askedBeforeMeasuring = cdn.asked.length;
    });
    expect(askedBeforeMeasuring).toBe(300);
    expect(cdn.asked).toHaveLength(2300);
    expect(figures.items).toBe(108);
    expect(figures.lookups).toBe(2000);
    // Nothing is evicted: the misses are exactly the URLs first asked for after the warm-up.
    expect(figures.hits).toBe(2000 - figures.newInMeasured);
    expect(figures.ratio).toBeCloseTo(figures.hits / 2000, 12);
    expect(figures.newInMeasured).toBeGreaterThan(0);
    expect(figures.distinctWarmup + figures.newInMeasured).toBe(new Set(cdn.asked).size);
  });

  it('shows a cache too small for the pattern: evictions cost hits', async () => {
    const variants = variantsOf(Array.from({ length: 12 }, (_, i) => hash(i + 1)));
    const plan = { warmup: 2000, measured: 2000, exponent: 1 };
    const roomy = await measureSkewedHits(variants, plan, seededRandom(9), fakeCdn().get);
    const cramped = await measureSkewedHits(variants, plan, seededRandom(9), fakeCdn({ capacity: 20 }).get);
    expect(roomy.ratio).toBeGreaterThan(0.99);
    expect(cramped.ratio).toBeLessThan(roomy.ratio - 0.1);
  });

  it('is the same sequence for the same seed: two runs compare', async () => {
    const variants = variantsOf([hash(1), hash(2)]);
    const first = fakeCdn();
    const second = fakeCdn();
    await measureSkewedHits(variants, { warmup: 50, measured: 50, exponent: 1 }, seededRandom(11), first.get);
    await measureSkewedHits(variants, { warmup: 50, measured: 50, exponent: 1 }, seededRandom(11), second.get);
    expect(second.asked).toEqual(first.asked);
  });
});

describe('judgeImageGoals', () => {
  it('judges warm p50 ≤ 2 ms, cold card WebP p50 ≤ 150 ms and a hit ratio ≥ 95 %, each on its own figure', async () => {
    const cdn = fakeCdn();
    const cold = await measureCold(variantsOf([hash(1)]), cdn.get);
    const warm = await measureWarm(variantsOf([hash(1)]), 9, cdn.get);
    const skewed = { items: 9, distinctWarmup: 9, distinctMeasured: 9, newInMeasured: 0, hits: 94, lookups: 100, ratio: 0.94 };
    expect(judgeImageGoals(cold, warm, skewed)).toEqual([
      { goal: 'warm p50 ≤ 2 ms', figure: '1.00 ms', met: true },
      { goal: 'cold 1600 px → 640 px WebP p50 ≤ 150 ms', figure: '101 ms', met: true },
      { goal: 'hit ratio ≥ 95 % after warm-up', figure: '94.0 %', met: false },
    ]);
    expect(judgeImageGoals({ byVariant: [], unexpected: [] }, warm, { ...skewed, ratio: 0.95 }).map((v) => v.met)).toEqual([true, false, true]);
  });
});
