import { describe, expect, it, vi } from 'vitest';
import { benchUp, command } from '../../../scripts/commands/bench-up.ts';
import { benchSteps, coldCpu, coldCpuLines, pairRows, parseDuration, parseUpReport, readinessRows, summarizePair, summarizeRuns, wallRows, type UpRun } from '../../../scripts/lib/bench/up-bench.ts';
import type { Exec } from '../../../scripts/lib/exec.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { fakeExec } from '../helpers/fake-exec.ts';

// The end of a cold `npm run up` as it prints it (NO_COLOR).
const coldReport = `
  connector booking-mysql: RUNNING, tasks 0=RUNNING (1.4 s)

service         reach it at                     ready after
--------------  ------------------------------  -----------
haproxy         http://127.0.0.1:8080/          8.5 s
mysql           mysql://127.0.0.1:3306/booking  8.5 s
db-setup        -                               11.1 s
kafka           127.0.0.1:9092                  12.7 s
connect         http://127.0.0.1:8083/          25.4 s
catalog-api-1   http://127.0.0.1:8080/api/      850 ms
search-indexer  -                               1 min 2 s

up in 31.3 s. Next: npm run smoke`;

const noopReport = `stack already up and healthy: nothing to start
  connector booking-mysql: RUNNING, tasks 0=RUNNING (12 ms)

service         reach it at             ready after
--------------  ----------------------  -----------
haproxy         http://127.0.0.1:8080/  already up`;

describe('bench:up', () => {
  it('runs reset, cold up, down, up with data and a no-op up, per round', () => {
    expect(benchSteps(2).map((step) => (step.kind === 'up' ? `${step.scenario}#${step.round}` : step.kind))).toEqual([
      'reset', 'cold#1', 'down', 'with-data#1', 'no-op#1',
      'reset', 'cold#2', 'down', 'with-data#2', 'no-op#2',
    ]);
  });

  it("reads each service's readiness and the connector from up's report", () => {
    expect(parseUpReport(coldReport)).toEqual({
      connector: 1400, haproxy: 8500, mysql: 8500, 'db-setup': 11_100, kafka: 12_700, connect: 25_400, 'catalog-api-1': 850, 'search-indexer': 62_000,
    });
    expect(parseUpReport(noopReport)).toEqual({ connector: 12 });
    expect(parseDuration('already up')).toBeUndefined();
  });

  it('summarizes medians and spreads per scenario', () => {
    const runs: UpRun[] = [
      { scenario: 'cold', round: 1, wallMs: 32_400, readyMs: { haproxy: 8_000, connect: 25_000 } },
      { scenario: 'cold', round: 2, wallMs: 31_300, readyMs: { haproxy: 9_000, connect: 26_000 } },
      { scenario: 'cold', round: 3, wallMs: 40_000, readyMs: { haproxy: 8_500, connect: 30_000 } },
      { scenario: 'no-op', round: 1, wallMs: 2_100, readyMs: {} },
    ];
    const summaries = summarizeRuns(runs);
    expect(wallRows(summaries)).toEqual([
      ['cold', '3', '32.4 s', '31.3 s – 40.0 s'],
      ['no-op', '1', '2.1 s', '2.1 s – 2.1 s'],
    ]);
    expect(readinessRows(summaries, ['haproxy', 'connect'])).toEqual([
      ['haproxy', '8.5 s', '-'],
      ['connect', '26.0 s', '-'],
    ]);
  });

  it('refuses to wipe data without a terminal unless --yes, and runs nothing', async () => {
    const exec = fakeExec(() => ({}));
    const tty = process.stdin.isTTY;
    Object.defineProperty(process.stdin, 'isTTY', { value: false, configurable: true });
    try {
      const error = await benchUp({ rounds: 3, json: false, yes: false }, exec).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).fix).toBe('npm run bench:up -- --yes');
      expect(exec.calls).toEqual([]);
    } finally {
      Object.defineProperty(process.stdin, 'isTTY', { value: tty, configurable: true });
    }
  });

  it('rejects a round count it cannot honour', async () => {
    await expect(command.run({ values: { rounds: '0', yes: true }, positionals: [] })).rejects.toThrow('--rounds must be a whole number from 1 to 20');
  });

  it('with --yes runs the npm scripts in order and prints the runs as JSON', async () => {
    const exec = fakeExec((_command, args) => ({ stdout: args.includes('up') ? coldReport : '' }));
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await benchUp({ rounds: 1, json: true, yes: true }, exec, async () => ({ elasticsearch: 21.5 }), async () => 2);
    } finally {
      write.mockRestore();
      stderr.mockRestore();
    }
    expect(exec.calls.map((call) => call.slice(call.indexOf('run') + 1).join(' '))).toEqual(['reset -- --yes', 'up', 'down', 'up', 'up']);
    const report = JSON.parse(written.join('')) as { runs: UpRun[] };
    expect(report.runs.map((r) => r.scenario)).toEqual(['cold', 'with-data', 'no-op']);
    expect(report.runs[0]!.readyMs.connect).toBe(25_400);
    expect(report.runs.map((r) => r.cpuSeconds)).toEqual([{ elasticsearch: 21.5 }, undefined, undefined]);
  });

  it('alternates the two sides of an A/B pair round by round', () => {
    const plan = benchSteps(2, ['A', 'B']).map((step) => `${step.variant}:${step.kind === 'up' ? `${step.scenario}#${step.round}` : step.kind}`);
    expect(plan).toEqual([
      'A:reset', 'A:cold#1', 'A:down', 'A:with-data#1', 'A:no-op#1',
      'B:reset', 'B:cold#1', 'B:down', 'B:with-data#1', 'B:no-op#1',
      'A:reset', 'A:cold#2', 'A:down', 'A:with-data#2', 'A:no-op#2',
      'B:reset', 'B:cold#2', 'B:down', 'B:with-data#2', 'B:no-op#2',
    ]);
  });

  it("compares each scenario's medians of A and B, B as a share of A", () => {
    const run = (variant: 'A' | 'B', scenario: UpRun['scenario'], round: number, wallMs: number): UpRun => ({ variant, scenario, round, wallMs, readyMs: {} });
    const pairs = summarizePair([
      run('A', 'cold', 1, 40_000), run('B', 'cold', 1, 30_000),
      run('A', 'cold', 2, 42_000), run('B', 'cold', 2, 32_000),
      run('A', 'cold', 3, 50_000), run('B', 'cold', 3, 31_000),
      run('A', 'no-op', 1, 1_000), run('B', 'no-op', 1, 1_100),
    ]);
    expect(pairs.map((pair) => [pair.scenario, pair.a.median, pair.b.median])).toEqual([['cold', 42_000, 31_000], ['no-op', 1_000, 1_100]]);
    expect(pairRows(pairs)).toEqual([
      ['cold', '3', '42.0 s (40.0 s – 50.0 s)', '31.0 s (30.0 s – 32.0 s)', '0.74 (-26 %)'],
      ['no-op', '1', '1.0 s (1.0 s – 1.0 s)', '1.1 s (1.1 s – 1.1 s)', '1.10 (+10 %)'],
    ]);
  });

  it("gives each side's setting to its reset, up and down through their environment, and prints the pair's table", async () => {
    const seen: string[] = [];
    const exec: Exec = async (_command, args, options = {}) => {
      seen.push(`${options.env?.ELASTICSEARCH_LEAN ?? '-'} ${args.slice(args.indexOf('run') + 1).join(' ')}`);
      return { code: 0, stdout: args.includes('up') ? coldReport : '', stderr: '' };
    };
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      await benchUp({ rounds: 1, json: false, yes: true, variants: [{ label: 'A', name: 'ELASTICSEARCH_LEAN', value: 'off' }, { label: 'B', name: 'ELASTICSEARCH_LEAN', value: 'on' }] }, exec, async (variant) => (variant?.value === 'on' ? { elasticsearch: 18, connect: 12 } : { elasticsearch: 20, connect: 12 }), async () => 2);
    } finally {
      stdout.mockRestore();
    }
    expect(seen).toEqual(['off reset -- --yes', 'off up', 'off down', 'off up', 'off up', 'on reset -- --yes', 'on up', 'on down', 'on up', 'on up']);
    const text = written.join('');
    expect(text).toContain('A: ELASTICSEARCH_LEAN=off against B: ELASTICSEARCH_LEAN=on');
    expect(text).toMatch(/scenario +runs +A median \(min – max\) +B median \(min – max\) +B \/ A\n[- ]+\ncold +1 +/);
    expect(text).toContain('cold A');
    // Each side's cold-up CPU, read right after its cold up only.
    expect(text).toMatch(/A: CPU a cold up cost, per service .*: 32\.0 CPU s, so at least 16\.0 s on \d+ cores/);
    expect(text).toMatch(/B: CPU a cold up cost, per service .*: 30\.0 CPU s/);
  });

  it('refuses an A/B side the stack does not document, or one its config rejects, before wiping anything', async () => {
    await expect(command.run({ values: { yes: true, a: 'ELASTICSEARCH_SLIM=on', b: 'ELASTICSEARCH_SLIM=off' }, positionals: [] })).rejects.toThrow('ELASTICSEARCH_SLIM is not a variable of compose/.env.example');
    await expect(command.run({ values: { yes: true, a: 'CONNECT_PLUGIN_DISCOVERY=only_scan', b: 'CONNECT_PLUGIN_DISCOVERY=fast' }, positionals: [] })).rejects.toThrow(
      '--b CONNECT_PLUGIN_DISCOVERY=fast is refused by the config: CONNECT_PLUGIN_DISCOVERY="fast" (environment) is not one of only_scan, hybrid_warn, hybrid_fail, service_load',
    );
    await expect(command.run({ values: { yes: true, a: 'ELASTICSEARCH_LEAN=on' }, positionals: [] })).rejects.toThrow('--a and --b go together');
  });
});

describe('coldCpu', () => {
  const run = (scenario: UpRun['scenario'], cpuSeconds?: Record<string, number>): UpRun => ({ scenario, round: 1, wallMs: 30_000, readyMs: {}, ...(cpuSeconds ? { cpuSeconds } : {}) });

  it('is the median per service and of the totals over the cold ups, most first; nothing without a measured cold up', () => {
    const cpu = coldCpu([run('cold', { kafka: 9, elasticsearch: 20, connect: 14 }), run('cold', { kafka: 7, elasticsearch: 24, connect: 10 }), run('cold', { kafka: 8, elasticsearch: 22 }), run('with-data', { kafka: 99 })]);
    expect(cpu).toEqual({ rows: [{ service: 'elasticsearch', seconds: 22 }, { service: 'connect', seconds: 10 }, { service: 'kafka', seconds: 8 }], total: 41 });
    expect(coldCpu([run('cold'), run('no-op', { kafka: 1 })])).toBeUndefined();
  });

  it('states the floor the CPU sets on the cores, beside the wall time', () => {
    const lines = coldCpuLines({ rows: [{ service: 'elasticsearch', seconds: 22 }], total: 41 }, 2, 26_000);
    expect(lines[0]).toContain('41.0 CPU s, so at least 20.5 s on 2 cores however it is ordered (its median wall time: 26.0 s)');
    expect(lines[1]).toMatch(/^ {2}elasticsearch +22\.0 s$/);
  });
});
