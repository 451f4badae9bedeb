/**
 * `bench:up`: what to run, and what the runs say. Three scenarios a developer meets:
 * cold (from nothing: no containers, no data), with data (after `down`), and no-op
 * (on a healthy stack). Each timed run is a whole `npm run up` process, npm's own
 * start-up included, as the developer waits for it. Per-service readiness comes from
 * the table `up` prints ("ready after", from the start of Compose).
 */
import type { VariantLabel } from './ab-variants.ts';
import { summarize } from './latency-stats.ts';

export type Scenario = 'cold' | 'with-data' | 'no-op';
export const SCENARIOS: Scenario[] = ['cold', 'with-data', 'no-op'];

export type BenchStep =
  | { kind: 'reset'; variant?: VariantLabel }
  | { kind: 'down'; variant?: VariantLabel }
  | { kind: 'up'; scenario: Scenario; round: number; variant?: VariantLabel };

/**
 * Per round: reset → cold up → down → up with data → no-op up. With an A/B pair, each
 * round runs that for A, then for B (A 1, B 1, A 2, B 2, ...): a slower moment of the
 * machine falls on both sides rather than on all the rounds of one.
 */
export function benchSteps(rounds: number, variants: VariantLabel[] = []): BenchStep[] {
  const sides: Array<VariantLabel | undefined> = variants.length > 0 ? variants : [undefined];
  return Array.from({ length: rounds }, (_, index) => {
    const round = index + 1;
    return sides.flatMap((variant) => {
      const tag = variant === undefined ? {} : { variant };
      return [
        { kind: 'reset', ...tag },
        { kind: 'up', scenario: 'cold', round, ...tag },
        { kind: 'down', ...tag },
        { kind: 'up', scenario: 'with-data', round, ...tag },
        { kind: 'up', scenario: 'no-op', round, ...tag },
      ] as BenchStep[];
    });
  }).flat();
}

export interface UpRun {
  scenario: Scenario;
  round: number;
  /** The side of an A/B pair; absent without one. */
  variant?: VariantLabel;
  wallMs: number;
  /** Service → ms from the start of Compose until ready, as `up` reported it. */
  readyMs: Record<string, number>;
  /**
   * A cold up only: service → CPU seconds its container burnt from its creation to the end of
   * the up (the Engine's cumulative counter; every container is new). Summed over the
   * services and divided by the cores, it is the least wall time that work can take here.
   */
  cpuSeconds?: Record<string, number>;
}

/** "850 ms", "12.3 s", "1 min 5 s" (formatDuration's forms) → ms. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  let match = /^(\d+(?:\.\d+)?) ms$/.exec(trimmed);
  if (match) return Number(match[1]);
  match = /^(\d+(?:\.\d+)?) s$/.exec(trimmed);
  if (match) return Math.round(Number(match[1]) * 1000);
  match = /^(\d+) min (\d+) s$/.exec(trimmed);
  if (match) return (Number(match[1]) * 60 + Number(match[2])) * 1000;
  return undefined;
}

/**
 * Reads `up`'s report: the rows of its table whose last column is a duration, and the
 * connector line ("connector booking-mysql: RUNNING, tasks 0=RUNNING (1.4 s)"),
 * reported as "connector".
 */
export function parseUpReport(output: string): Record<string, number> {
  const ready: Record<string, number> = {};
  for (const line of output.split('\n')) {
    const row = /^([a-z][\w-]*)\s{2,}\S.*?\s{2,}(\d[\w .]*?)\s*$/.exec(line);
    const ms = row ? parseDuration(row[2]!) : undefined;
    if (row && ms !== undefined) ready[row[1]!] = ms;
    const connector = /^\s*connector \S+: RUNNING\b.*\((.+)\)\s*$/.exec(line);
    const connectorMs = connector ? parseDuration(connector[1]!) : undefined;
    if (connectorMs !== undefined) ready.connector = connectorMs;
  }
  return ready;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface ScenarioSummary {
  scenario: Scenario;
  wall: Spread;
  ready: Record<string, Spread>;
}

export function spreadOf(samples: number[]): Spread {
  const { median, min, max, runs } = summarize(samples);
  return { median, min, max, runs };
}

export function summarizeRuns(runs: UpRun[]): ScenarioSummary[] {
  return SCENARIOS.flatMap((scenario) => {
    const own = runs.filter((run) => run.scenario === scenario);
    if (own.length === 0) return [];
    const services = [...new Set(own.flatMap((run) => Object.keys(run.readyMs)))];
    const ready = Object.fromEntries(
      services.map((service) => [service, spreadOf(own.flatMap((run) => (run.readyMs[service] === undefined ? [] : [run.readyMs[service]!])))]),
    );
    return [{ scenario, wall: spreadOf(own.map((run) => run.wallMs)), ready }];
  });
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Rows of the wall-time table: scenario, runs, median, min–max. */
export function wallRows(summaries: ScenarioSummary[]): string[][] {
  return summaries.map(({ scenario, wall }) => [scenario, String(wall.runs), seconds(wall.median), `${seconds(wall.min)} – ${seconds(wall.max)}`]);
}

/** Rows of the readiness table: a service per row, its median per scenario ('-' where it was not started). */
export function readinessRows(summaries: ScenarioSummary[], order: string[]): string[][] {
  const services = [...new Set([...order, ...summaries.flatMap((s) => Object.keys(s.ready))])].filter((service) => summaries.some((s) => s.ready[service]));
  return services.map((service) => [service, ...summaries.map((s) => (s.ready[service] ? seconds(s.ready[service]!.median) : '-'))]);
}

/** One scenario of an A/B pair: each side's median wall time and B's as a share of A's. */
export interface PairRow {
  scenario: Scenario;
  a: Spread;
  b: Spread;
  /** B's median / A's median: below 1, B started sooner. */
  ratio: number;
}

export function summarizePair(runs: UpRun[]): PairRow[] {
  const side = (label: VariantLabel) => summarizeRuns(runs.filter((run) => run.variant === label));
  const [a, b] = [side('A'), side('B')];
  return a.flatMap((own) => {
    const other = b.find((summary) => summary.scenario === own.scenario);
    return other ? [{ scenario: own.scenario, a: own.wall, b: other.wall, ratio: other.wall.median / own.wall.median }] : [];
  });
}

/** Rows of the A/B table: scenario, A's median (min–max), B's, B/A with the change in percent. */
export function pairRows(pairs: PairRow[]): string[][] {
  const cell = (spread: Spread) => `${seconds(spread.median)} (${seconds(spread.min)} – ${seconds(spread.max)})`;
  return pairs.map(({ scenario, a, b, ratio }) => [scenario, String(Math.min(a.runs, b.runs)), cell(a), cell(b), `${ratio.toFixed(2)} (${signedPercent(ratio - 1)})`]);
}

function signedPercent(change: number): string {
  const percent = Math.round(change * 100);
  return `${percent > 0 ? '+' : ''}${percent} %`;
}

/** The cold ups' CPU per service, median over the rounds, most first; and the median total. */
export function coldCpu(runs: UpRun[]): { rows: Array<{ service: string; seconds: number }>; total: number } | undefined {
  const measured = runs.filter((run) => run.scenario === 'cold' && run.cpuSeconds !== undefined).map((run) => run.cpuSeconds!);
  if (measured.length === 0) return undefined;
  const services = [...new Set(measured.flatMap((cpu) => Object.keys(cpu)))];
  const median = (samples: number[]) => summarize(samples).median;
  const rows = services.map((service) => ({ service, seconds: median(measured.map((cpu) => cpu[service] ?? 0)) })).sort((a, b) => b.seconds - a.seconds);
  return { rows, total: median(measured.map((cpu) => Object.values(cpu).reduce((sum, value) => sum + value, 0))) };
}

/** The table under the wall times: where a cold up's CPU went, and the floor it sets on this machine's cores. */
export function coldCpuLines(cpu: NonNullable<ReturnType<typeof coldCpu>>, cores: number, coldWallMs: number | undefined): string[] {
  const floor = cpu.total / cores;
  return [
    `CPU a cold up cost, per service (median; the containers' own counters, one-shot steps not counted): ${cpu.total.toFixed(1)} CPU s, ` +
      `so at least ${floor.toFixed(1)} s on ${cores} cores however it is ordered${coldWallMs === undefined ? '' : ` (its median wall time: ${seconds(coldWallMs)})`}`,
    ...cpu.rows.map(({ service, seconds: used }) => `  ${service.padEnd(22)} ${used.toFixed(1).padStart(6)} s`),
  ];
}
