/**
 * A skewed access pattern for the image bench: Zipf's law, the shape of web object
 * popularity (the item of rank r is asked for in proportion to 1 / r^s). Seeded, so two
 * runs ask for the same sequence and their hit ratios compare.
 * https://en.wikipedia.org/wiki/Zipf%27s_law
 */

/** The probability of each rank (0 is the most popular) among `n` items, exponent `s` (0: uniform). */
export function zipfProbabilities(n: number, s: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`a Zipf population needs a whole number of items, at least 1 (got ${n})`);
  if (!(s >= 0)) throw new Error(`a Zipf exponent is 0 or more (got ${s})`);
  const weights = Array.from({ length: n }, (_, rank) => 1 / (rank + 1) ** s);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}

/** Draws ranks 0..n-1 by Zipf's law from `random` (uniform on [0, 1)): the inverse of the cumulative distribution. */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const p of zipfProbabilities(n, s)) cumulative.push((sum += p));
  return () => {
    const u = random() * sum;
    // The first rank whose cumulative probability exceeds u.
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > u) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}

/** `count` ranks drawn in turn: the requests of the access pattern. */
export function zipfSequence(n: number, s: number, count: number, random: () => number): number[] {
  const draw = zipfSampler(n, s, random);
  return Array.from({ length: count }, draw);
}

/** The items in an order of the seed's (Fisher-Yates), so popularity is not tied to the order they were made in. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
