/**
 * What `npm run bench:images` measures (issue 22), as pieces that take the image fetch as a
 * parameter, so their arithmetic is tested with fakes:
 * - cold: each named size in each format of photos never asked for before, once each, so
 *   every request is a MISS that HAProxy passes to the image service, which reads the
 *   original from the object store and resizes it: the p50 per size and format;
 * - warm: the same URLs again, now HITs answered from HAProxy's cache: p50 and p95;
 * - skewed: a Zipf access pattern over the sizes and formats of other new photos, a
 *   warm-up, then the measured requests' hit ratio (every first request of a URL is a
 *   miss; a skew leaves the rare ones to miss late).
 */
import { IMAGE_FORMATS, IMAGE_SIZES, imageUrl, type ImageFormat, type ImageSize } from '../../../services/images/contract.ts';
import { summarize, type LatencySummary } from './latency-stats.ts';
import { shuffled, zipfSequence } from './zipf.ts';

/** One answer as the bench sees it: status, X-Cache-Status, body bytes and time until the last byte. */
export interface ImageFetch {
  status: number;
  cache: string | undefined;
  bytes: number;
  ms: number;
}

export type FetchImage = (path: string) => Promise<ImageFetch>;

export interface Variant {
  hash: string;
  size: ImageSize;
  format: ImageFormat;
  path: string;
}

const SIZES = Object.keys(IMAGE_SIZES) as ImageSize[];

/** Every size in every format of each photo, photo by photo. */
export function variantsOf(hashes: string[]): Variant[] {
  return hashes.flatMap((hash) => SIZES.flatMap((size) => IMAGE_FORMATS.map((format) => ({ hash, size, format, path: imageUrl(hash, size, format) }))));
}

export interface VariantFigure {
  size: ImageSize;
  format: ImageFormat;
  summary: LatencySummary;
  /** The median body size, for the reader's sense of what was sent. */
  medianBytes: number;
}

export interface ColdFigures {
  byVariant: VariantFigure[];
  /** Answers that were not a 200 MISS: not cold, or failed; their times are left out. */
  unexpected: string[];
}

export async function measureCold(variants: Variant[], fetchImage: FetchImage): Promise<ColdFigures> {
  const times = new Map<string, { size: ImageSize; format: ImageFormat; ms: number[]; bytes: number[] }>();
  const unexpected: string[] = [];
  for (const variant of variants) {
    const answer = await fetchImage(variant.path);
    if (answer.status !== 200 || answer.cache !== 'MISS') {
      unexpected.push(`${variant.path}: HTTP ${answer.status}, X-Cache-Status ${answer.cache ?? 'none'}`);
      continue;
    }
    const key = `${variant.size}.${variant.format}`;
    const entry = times.get(key) ?? { size: variant.size, format: variant.format, ms: [], bytes: [] };
    entry.ms.push(answer.ms);
    entry.bytes.push(answer.bytes);
    times.set(key, entry);
  }
  const byVariant = [...times.values()].map(({ size, format, ms, bytes }) => ({ size, format, summary: summarize(ms), medianBytes: summarize(bytes).median }));
  return { byVariant, unexpected };
}

export interface WarmFigures {
  summary: LatencySummary;
  /** Answers that were not a 200 HIT. */
  notHits: number;
}

/** `requests` requests taking the variants in turn (each was asked for before, so each should be a HIT). */
export async function measureWarm(variants: Variant[], requests: number, fetchImage: FetchImage): Promise<WarmFigures> {
  if (variants.length === 0) throw new Error('no image URLs to ask for');
  const ms: number[] = [];
  let notHits = 0;
  for (let i = 0; i < requests; i += 1) {
    const answer = await fetchImage(variants[i % variants.length]!.path);
    if (answer.status !== 200 || answer.cache !== 'HIT') notHits += 1;
    ms.push(answer.ms);
  }
  return { summary: summarize(ms), notHits };
}

export interface SkewedPlan {
  warmup: number;
  measured: number;
  /** Zipf's exponent: 1 is the classic web shape. */
  exponent: number;
}

export interface SkewedFigures {
  items: number;
  /** Distinct URLs asked for in the measured part, and of those, the ones the warm-up never asked for. */
  distinctMeasured: number;
  newInMeasured: number;
  hits: number;
  lookups: number;
  ratio: number;
}

/**
 * The variants ranked in the seed's order, then warm-up + measured requests drawn by Zipf's
 * law; the hit ratio counts the measured part only (X-Cache-Status HIT of 200 answers).
 */
export async function measureSkewedHits(
  variants: Variant[],
  plan: SkewedPlan,
  random: () => number,
  fetchImage: FetchImage,
  /** Called between the warm-up and the measured part (the command reads HAProxy's counters there). */
  beforeMeasured: () => Promise<unknown> = async () => undefined,
): Promise<SkewedFigures & { distinctWarmup: number }> {
  const ranked = shuffled(variants, random);
  const sequence = zipfSequence(ranked.length, plan.exponent, plan.warmup + plan.measured, random);
  const warmupRanks = new Set(sequence.slice(0, plan.warmup));
  const measuredRanks = sequence.slice(plan.warmup);
  for (const rank of sequence.slice(0, plan.warmup)) await fetchImage(ranked[rank]!.path);
  await beforeMeasured();
  let hits = 0;
  for (const rank of measuredRanks) {
    const answer = await fetchImage(ranked[rank]!.path);
    if (answer.status === 200 && answer.cache === 'HIT') hits += 1;
  }
  const distinct = new Set(measuredRanks);
  return {
    items: ranked.length,
    distinctWarmup: warmupRanks.size,
    distinctMeasured: distinct.size,
    newInMeasured: [...distinct].filter((rank) => !warmupRanks.has(rank)).length,
    hits,
    lookups: measuredRanks.length,
    ratio: measuredRanks.length === 0 ? 0 : hits / measuredRanks.length,
  };
}

/** The goals on this machine, each judged on its figure. */
export const IMAGE_GOALS = { warmP50Ms: 2, coldCardWebpP50Ms: 150, hitRatio: 0.95 } as const;

export interface GoalVerdict {
  goal: string;
  figure: string;
  met: boolean;
}

export function judgeImageGoals(cold: ColdFigures, warm: WarmFigures, skewed: SkewedFigures): GoalVerdict[] {
  const cardWebp = cold.byVariant.find((v) => v.size === 'card' && v.format === 'webp');
  return [
    { goal: `warm p50 ≤ ${IMAGE_GOALS.warmP50Ms} ms`, figure: `${warm.summary.median.toFixed(2)} ms`, met: warm.summary.median <= IMAGE_GOALS.warmP50Ms },
    {
      goal: `cold ${IMAGE_SIZES.large} px → ${IMAGE_SIZES.card} px WebP p50 ≤ ${IMAGE_GOALS.coldCardWebpP50Ms} ms`,
      figure: cardWebp ? `${cardWebp.summary.median.toFixed(0)} ms` : 'not measured',
      met: cardWebp !== undefined && cardWebp.summary.median <= IMAGE_GOALS.coldCardWebpP50Ms,
    },
    { goal: `hit ratio ≥ ${IMAGE_GOALS.hitRatio * 100} % after warm-up`, figure: `${(skewed.ratio * 100).toFixed(1)} %`, met: skewed.ratio >= IMAGE_GOALS.hitRatio },
  ];
}
