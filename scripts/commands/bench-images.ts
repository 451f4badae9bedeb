/**
 * `npm run bench:images -- [--photos N] [--requests N]`: the image CDN's figures (issue 22),
 * through HAProxy's HTTP port as a browser reaches it. What each figure covers:
 * scripts/lib/bench/image-bench.ts. Prints them beside the issue's goals; a figure that
 * misses its goal is said, not an error (this is a measurement, not a test).
 *
 * The photos are painted for this run (services/lib/sample-photo.ts, 1600 × 1067 JPEG,
 * seeded by the run, so no earlier run or cache has seen them) and uploaded to a hotel of
 * the run's own, which is deleted at the end. Their originals stay in the object store
 * (content-addressed, shared by nature; about 0.3 MB each) and their variants in
 * HAProxy's cache until it restarts.
 */
import { IMAGE_FORMATS, IMAGE_SIZES, MAX_IMAGES_PER_HOTEL, type ImageSize, type UploadedImage } from '../../services/images/contract.ts';
import { SAMPLE_PHOTO_SIZE, samplePhotoJpeg, seededRandom } from '../../services/lib/node-contract.ts';
import { benchCity } from '../lib/bench/bench-rows.ts';
import { judgeImageGoals, measureCold, measureSkewedHits, measureWarm, variantsOf, type ColdFigures } from '../lib/bench/image-bench.ts';
import { keepAliveImageClient, type ImageClient } from '../lib/bench/image-client.ts';
import { summarize } from '../lib/bench/latency-stats.ts';
import { backendCacheCounters, hitRatio, type CacheCounters } from '../lib/bench/page-load.ts';
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { UserError } from '../lib/errors.ts';
import { createApiClient, describeResponse } from '../lib/platform-client/api-client.ts';
import { fetchStatsCsv } from '../lib/status/edge-cache.ts';
import { createOutput, type Output } from '../lib/ui/output.ts';

/** The skewed pattern's photos: with their 3 sizes × 3 formats, 108 URLs to draw from. */
const SKEWED_PHOTOS = 12;
const MAX_COLD_PHOTOS = MAX_IMAGES_PER_HOTEL - SKEWED_PHOTOS;
const ZIPF_EXPONENT = 1;
const WARM_REQUESTS = 500;

const usage = `npm run bench:images -- [--photos N] [--requests N]   (photos for the cold figures 1 to ${MAX_COLD_PHOTOS}, default 5; skewed requests 100 to 20000, default 2000)`;

export const command = defineCommand({
  summary: "the image CDN's figures through HAProxy: cold resize p50 per size and format, warm p50 from the cache, hit ratio over a Zipf access pattern",
  usage,
  options: {
    photos: { type: 'string', value: 'N', description: `new photos for the cold figures, 1 to ${MAX_COLD_PHOTOS} (default 5)` },
    requests: { type: 'string', value: 'N', description: 'requests of the skewed pattern after as many to warm up, 100 to 20000 (default 2000)' },
  },
  run: async ({ values }) =>
    benchImages(
      wholeNumberOption(values.photos, { option: 'photos', min: 1, max: MAX_COLD_PHOTOS, fallback: 5 }, usage),
      wholeNumberOption(values.requests, { option: 'requests', min: 100, max: 20_000, fallback: 2_000 }, usage),
    ),
});

async function benchImages(coldPhotos: number, requests: number): Promise<void> {
  const { stack } = requireConfig();
  const out = createOutput();
  const base = stack.urls.api;
  const api = createApiClient(base, fetch, 10_000);
  const run = Date.now().toString(36);
  const created = await api.request('POST', '/api/hotels', { name: `Image bench ${run}`, city: benchCity(run), stars: 3 }).catch((error: Error) => {
    throw new UserError(`${base} is not reachable: ${error.message}`, 'start the stack with `npm run up`');
  });
  if (created.status !== 201) throw new UserError(`creating the bench's hotel answered ${describeResponse(created)}`, 'check `npm run status`: catalog-api must be up');
  const hotelId = (created.body as { id: number }).id;
  const client = keepAliveImageClient(base);
  try {
    out.line(`bench:images: ${base} (HAProxy's HTTP port), hotel ${hotelId} of this run; photos ${SAMPLE_PHOTO_SIZE.width} × ${SAMPLE_PHOTO_SIZE.height} JPEG painted for this run`);
    // Seeds far from the sample hotels' ids (1..N) and from other runs': photos no cache has seen.
    const firstSeed = 1_000_000 + (Date.now() % 1_000_000_000);
    const uploads = await uploadPhotos(client, hotelId, firstSeed, coldPhotos + SKEWED_PHOTOS, out);
    const coldHashes = uploads.hashes.slice(0, coldPhotos);
    const skewedHashes = uploads.hashes.slice(coldPhotos);

    const cold = await measureCold(variantsOf(coldHashes), client.get);
    printCold(out, cold, coldPhotos);

    const warm = await measureWarm(variantsOf(coldHashes), WARM_REQUESTS, client.get);
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    out.line(`warm (HIT, from HAProxy's cache), ${WARM_REQUESTS} requests over the same ${coldHashes.length * 9} URLs on one keep-alive connection: p50 ${ms(warm.summary.median)}, p95 ${ms(warm.summary.p95)}, p99 ${ms(warm.summary.p99)}${warm.notHits > 0 ? ` (${warm.notHits} not a HIT)` : ''}`);

    const stats = async () => backendCacheCounters(await fetchStatsCsv(stack.urls.stats, stack.statsCredentials), 'images');
    const skewedVariants = variantsOf(skewedHashes);
    let before: CacheCounters | undefined;
    const skewed = await measureSkewedHits(skewedVariants, { warmup: requests, measured: requests, exponent: ZIPF_EXPONENT }, seededRandom(firstSeed), client.get, async () => {
      before = await stats();
    });
    const counted = before && hitRatio(before, await stats());
    out.line(
      `skewed: Zipf (s = ${ZIPF_EXPONENT}) over the ${skewed.items} URLs of ${SKEWED_PHOTOS} more new photos, ${requests} requests to warm up (${skewed.distinctWarmup} distinct URLs), then ${requests} measured (${skewed.distinctMeasured} distinct, ${skewed.newInMeasured} never asked for in the warm-up):`,
    );
    out.line(
      `  hit ratio ${(skewed.ratio * 100).toFixed(1)} % (${skewed.hits} of ${skewed.lookups}); HAProxy's counters over the same requests: ${counted === undefined ? 'no lookups' : `${(counted * 100).toFixed(1)} %`}`,
    );
    for (const verdict of judgeImageGoals(cold, warm, skewed)) out.line(`goal ${verdict.goal}: ${verdict.figure} ${verdict.met ? out.green('met') : out.red('MISSED')}`);
    if (cold.unexpected.length > 0) {
      throw new UserError(`${cold.unexpected.length} cold request(s) were not a 200 MISS: ${cold.unexpected.slice(0, 3).join('; ')}`, 'check `npm run logs -- images haproxy`');
    }
  } finally {
    client.close();
    await api.request('DELETE', `/api/hotels/${hotelId}`).catch(() => undefined);
  }
}

/** Paints and uploads `count` photos, one after the other; their hashes in order, and the upload times. */
async function uploadPhotos(client: ImageClient, hotelId: number, firstSeed: number, count: number, out: Output): Promise<{ hashes: string[] }> {
  const hashes: string[] = [];
  const times: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const photo = await samplePhotoJpeg(firstSeed + i);
    const started = performance.now();
    const answer = await client.post(`/api/hotels/${hotelId}/images`, photo, 'image/jpeg');
    times.push(performance.now() - started);
    bytes.push(photo.length);
    if (answer.status !== 201) throw new UserError(`uploading a photo answered HTTP ${answer.status}: ${JSON.stringify(answer.json).slice(0, 200)}`, 'check `npm run logs -- images`');
    hashes.push((answer.json as UploadedImage).hash);
  }
  const upload = summarize(times);
  out.line(`uploads: ${count} photos of ${Math.round(summarize(bytes).median / 1000)} kB (median), p50 ${upload.median.toFixed(0)} ms, p95 ${upload.p95.toFixed(0)} ms (sniff, decode, clean, store, record on the hotel)`);
  return { hashes };
}

function printCold(out: Output, cold: ColdFigures, photos: number): void {
  out.line(`cold (MISS: the original from the object store, resized by sharp), p50 per size and format over ${photos} photo(s):`);
  out.line(`  ${''.padEnd(12)}${IMAGE_FORMATS.map((format) => format.padStart(18)).join('')}`);
  for (const size of Object.keys(IMAGE_SIZES) as ImageSize[]) {
    const cells = IMAGE_FORMATS.map((format) => {
      const figure = cold.byVariant.find((v) => v.size === size && v.format === format);
      return (figure ? `${figure.summary.median.toFixed(0)} ms ${Math.round(figure.medianBytes / 1000)} kB` : '-').padStart(18);
    });
    out.line(`  ${`${size} ${IMAGE_SIZES[size]}`.padEnd(12)}${cells.join('')}`);
  }
}
