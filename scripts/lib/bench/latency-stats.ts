/** Summary of latency samples: nearest-rank percentiles, no interpolation. */
export interface LatencySummary {
  runs: number;
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[]): LatencySummary {
  if (samples.length === 0) throw new Error('no latency samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { runs: sorted.length, min: sorted[0]!, median: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1]! };
}
