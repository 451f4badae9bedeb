/**
 * What the stack costs a laptop while nobody uses it: the CPU each container burns
 * over a window, healthchecks included (they run inside the container). Cumulative
 * CPU counters are read at both ends of the window, so short bursts between samples
 * are counted too. Pure: containers, counters and the wait come in as parameters.
 */
export interface IdleCpuDeps {
  /** The running containers of the stack, by name. */
  containers: () => Promise<string[]>;
  /** A container's cumulative CPU time in nanoseconds. */
  cpuNanos: (container: string) => Promise<number>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export interface IdleCpuRow {
  container: string;
  /** CPU seconds used per minute of wall time. */
  cpuSecondsPerMinute: number;
}

export interface IdleCpuReport {
  windowMs: number;
  rows: IdleCpuRow[];
  totalCpuSecondsPerMinute: number;
}

export async function measureIdleCpu(deps: IdleCpuDeps, windowMs: number): Promise<IdleCpuReport> {
  const names = await deps.containers();
  if (names.length === 0) throw new Error('no running containers to measure');
  const read = () => Promise.all(names.map((name) => deps.cpuNanos(name)));
  const startedAt = deps.now();
  const before = await read();
  await deps.sleep(windowMs);
  const after = await read();
  const elapsedMs = deps.now() - startedAt;
  const perMinute = (nanos: number) => (nanos / 1e9) * (60_000 / elapsedMs);
  const rows = names
    .map((container, i) => ({ container, cpuSecondsPerMinute: perMinute(Math.max(0, after[i]! - before[i]!)) }))
    .sort((a, b) => b.cpuSecondsPerMinute - a.cpuSecondsPerMinute);
  return { windowMs: elapsedMs, rows, totalCpuSecondsPerMinute: rows.reduce((sum, row) => sum + row.cpuSecondsPerMinute, 0) };
}
