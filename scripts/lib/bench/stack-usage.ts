/**
 * What a piece of work cost the stack, per container: the CPU it burnt while the work ran
 * (cumulative counters read before and after, so no burst between samples is missed) and
 * the memory each container holds once it is done. bench:bookings prints it, so a figure
 * comes with the container that limited it and the memory the load left behind. Pure: the
 * containers and their counters come in as parameters.
 */
import { memoryInUse, type ContainerStats } from './docker-stats.ts';

export interface StackUsageDeps {
  containers: string[];
  stats: (container: string) => Promise<ContainerStats>;
  now: () => number;
}

export interface ContainerUsage {
  container: string;
  /** CPU seconds used while the work ran. */
  cpuSeconds: number;
  /** Memory in use after the work (docker stats' figure); undefined when Docker gave none. */
  memoryBytes?: number;
}

export interface StackUsage<T> {
  result: T;
  windowMs: number;
  /** Most CPU first. */
  rows: ContainerUsage[];
  totalCpuSeconds: number;
  totalMemoryBytes: number;
}

export async function measureStackUsage<T>(deps: StackUsageDeps, work: () => Promise<T>): Promise<StackUsage<T>> {
  const read = () => Promise.all(deps.containers.map((name) => deps.stats(name)));
  const cpu = (stats: ContainerStats) => stats.cpu_stats?.cpu_usage?.total_usage ?? 0;
  const before = await read();
  const startedAt = deps.now();
  const result = await work();
  const windowMs = deps.now() - startedAt;
  const after = await read();
  const rows = deps.containers
    .map((container, i): ContainerUsage => {
      const memoryBytes = memoryInUse(after[i]!);
      return { container, cpuSeconds: Math.max(0, cpu(after[i]!) - cpu(before[i]!)) / 1e9, ...(memoryBytes === undefined ? {} : { memoryBytes }) };
    })
    .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
  return {
    result,
    windowMs,
    rows,
    totalCpuSeconds: rows.reduce((sum, row) => sum + row.cpuSeconds, 0),
    totalMemoryBytes: rows.reduce((sum, row) => sum + (row.memoryBytes ?? 0), 0),
  };
}
