import { describe, expect, it, vi } from 'vitest';
import { benchUp, command } from '../../../scripts/commands/bench-up.ts';
import { benchSteps, parseDuration, parseUpReport, readinessRows, summarizeRuns, wallRows, type UpRun } from '../../../scripts/lib/bench/up-bench.ts';
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
      await benchUp({ rounds: 1, json: true, yes: true }, exec);
    } finally {
      write.mockRestore();
      stderr.mockRestore();
    }
    expect(exec.calls.map((call) => call.slice(call.indexOf('run') + 1).join(' '))).toEqual(['reset -- --yes', 'up', 'down', 'up', 'up']);
    const report = JSON.parse(written.join('')) as { runs: UpRun[] };
    expect(report.runs.map((r) => r.scenario)).toEqual(['cold', 'with-data', 'no-op']);
    expect(report.runs[0]!.readyMs.connect).toBe(25_400);
  });
});
