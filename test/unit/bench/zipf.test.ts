import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../services/lib/sample-photo.ts';
import { shuffled, zipfProbabilities, zipfSampler, zipfSequence } from '../../../scripts/lib/bench/zipf.ts';

describe('zipfProbabilities', () => {
  it('falls as 1 / rank^s and sums to 1', () => {
    const p = zipfProbabilities(4, 1);
    // 1, 1/2, 1/3, 1/4 over their sum 25/12.
    expect(p.map((x) => x * (25 / 12))).toEqual([1, 1 / 2, 1 / 3, 1 / 4].map((x) => expect.closeTo(x, 12)));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(zipfProbabilities(5, 0)).toEqual(Array(5).fill(0.2));
    expect(zipfProbabilities(3, 2)[0]! / zipfProbabilities(3, 2)[2]!).toBeCloseTo(9, 12);
  });

  it('refuses an empty population and a negative exponent', () => {
    expect(() => zipfProbabilities(0, 1)).toThrow(/at least 1/);
    expect(() => zipfProbabilities(2.5, 1)).toThrow(/whole number/);
    expect(() => zipfProbabilities(3, -1)).toThrow(/0 or more/);
    expect(() => zipfProbabilities(3, Number.NaN)).toThrow(/0 or more/);
  });
});

describe('zipfSampler', () => {
  it('maps the uniform draw through the cumulative distribution: the edges land on the first and last rank', () => {
    // n = 4, s = 1: cumulative 0.48, 0.72, 0.88, 1.
    const draws = [0, 0.47, 0.49, 0.71, 0.73, 0.87, 0.89, 0.999999];
    const draw = zipfSampler(4, 1, () => draws.shift()!);
    expect(Array.from({ length: 8 }, draw)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('asks for each rank about as often as its probability says, over many seeded draws', () => {
    const n = 50;
    const count = 200_000;
    const sequence = zipfSequence(n, 1, count, seededRandom(42));
    const seen = Array<number>(n).fill(0);
    for (const rank of sequence) seen[rank]! += 1;
    const expected = zipfProbabilities(n, 1).map((p) => p * count);
    for (const rank of [0, 1, 4, 9, 49]) expect(Math.abs(seen[rank]! - expected[rank]!) / expected[rank]!).toBeLessThan(0.1);
    expect(seen.every((times) => times > 0)).toBe(true);
    expect(sequence.every((rank) => rank >= 0 && rank < n)).toBe(true);
  });

  it('draws the same sequence for the same seed', () => {
    expect(zipfSequence(108, 1, 500, seededRandom(7))).toEqual(zipfSequence(108, 1, 500, seededRandom(7)));
    expect(zipfSequence(108, 1, 500, seededRandom(8))).not.toEqual(zipfSequence(108, 1, 500, seededRandom(7)));
  });
});

describe('shuffled', () => {
  it('is a permutation in an order of the seed, the input left as it was', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const once = shuffled(items, seededRandom(3));
    expect([...once].sort((a, b) => a - b)).toEqual(items);
    expect(once).not.toEqual(items);
    expect(shuffled(items, seededRandom(3))).toEqual(once);
    expect(items[0]).toBe(0);
  });
});
