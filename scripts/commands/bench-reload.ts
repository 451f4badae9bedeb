/**
 * `npm run bench:reload -- [--edits N] [--up [--rounds N]]` (issue 23), with a read and a
 * write loop through HAProxy the whole time, counting failed requests:
 * - by default, `npm run dev`: N edits (default 10) of catalog-api's source (its reload
 *   marker, services/catalog-api/reload-marker.ts), each timed from the save to the first
 *   answer that shows it; p50 and p95. The marker is put back at the end, which `dev`
 *   reloads too, so the stack runs the source as it is in git;
 * - `--up`: the same edit through `npm run up`, which rebuilds the image, as an A/B pair
 *   per round: `up --all-at-once` (the replicas recreated together, as before) and `up`
 *   (one at a time behind HAProxy's drain); one more `up` at the end.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { UsageError, UserError } from '../lib/errors.ts';
import { realExec } from '../lib/exec.ts';
import { paths } from '../lib/paths.ts';
import { createApiClient, describeResponse, type ApiClient, type StoredHotel } from '../lib/platform-client/api-client.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { editReloadMarker } from '../lib/bench/reload-marker-file.ts';
import { describeSaveToLive, timeDevReloads } from '../lib/bench/dev-reload-bench.ts';
import { describeRound, failedIn, reloadRound, type ReloadMode, type ReloadRound } from '../lib/bench/reload-bench.ts';
import { describeTally, startLoop } from '../lib/bench/traffic-loop.ts';
import { lastLines } from '../lib/text.ts';
import { createOutput, type Output } from '../lib/ui/output.ts';
import { eventually } from '../lib/wait/within.ts';

const usage = 'npm run bench:reload -- [--edits N] [--up [--rounds N]]   (edits through npm run dev: 1 to 50, default 10; --up: rounds 1 to 10, default 1, each runs `up` twice)';
const MODES: ReloadMode[] = ['all at once', 'one at a time'];

export const command = defineCommand({
  summary: 'save → live time and failed requests while npm run dev reloads an edited service (or --up: while up rebuilds it)',
  usage,
  options: {
    edits: { type: 'string', value: 'N', description: 'edits through npm run dev, 1 to 50 (default 10)' },
    up: { type: 'boolean', description: 'through npm run up (rebuild), as an A/B pair with --all-at-once' },
    rounds: { type: 'string', value: 'N', description: 'with --up: A/B pairs to run, 1 to 10 (default 1)' },
  },
  run: async ({ values }) => {
    if (values.up) {
      const rounds = Number(values.rounds ?? 1);
      if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) throw new UsageError(`--rounds must be 1 to 10, got ${values.rounds}`, usage);
      return measure(rounds);
    }
    const edits = Number(values.edits ?? 10);
    if (!Number.isInteger(edits) || edits < 1 || edits > 50) throw new UsageError(`--edits must be 1 to 50, got ${values.edits}`, usage);
    return measureDev(edits);
  },
});

/** A hotel for the write loop, the two loops, and their end: the tallies, the hotel deleted. */
async function trafficOn(api: ApiClient, name: string) {
  const created = await api.request('POST', '/api/hotels', { name, city: 'Ghent', stars: 3 });
  if (created.status !== 201) throw new UserError(`could not create the hotel the write loop updates: ${describeResponse(created)}`, 'run npm run smoke to find the broken step');
  const { id } = created.body as StoredHotel;
  const loops = [
    startLoop('reads', api, () => ({ method: 'GET', path: `/api/hotels/${id}`, expect: 200 })),
    startLoop('writes', api, (i) => ({ method: 'PUT', path: `/api/hotels/${id}`, body: { name: `${name} ${i}`, city: 'Ghent', stars: 3 }, expect: 200 })),
  ];
  return {
    stop: async () => {
      const tallies = await Promise.all(loops.map((loop) => loop.stop()));
      await api.request('DELETE', `/api/hotels/${id}`).catch(() => undefined);
      return tallies;
    },
  };
}

async function measureDev(edits: number): Promise<void> {
  const out = createOutput();
  const base = loadClientSettings().settings.apiUrl;
  const api = createApiClient(base, fetch, 10_000);
  const dev = startDev(out);
  try {
    await dev.printed(/^watching services\//m, 1, 600_000);
    const traffic = await trafficOn(api, 'Reload bench');
    const marker = editReloadMarker();
    let samples: number[] = [];
    try {
      samples = await timeDevReloads(edits, `bench-${Date.now()}`, {
        setMarker: marker.set,
        reloaded: (count) => dev.printed(RELOADED, count, 60_000),
        firstAnswerWith: (value) => firstAnswerWith(base, value),
        now: () => performance.now(),
      });
    } finally {
      marker.restore();
      // The source as in git, live again before the loops stop: they count that reload too.
      await dev.printed(RELOADED, samples.length + 1, 60_000).catch(() => out.line('the restored marker was not reloaded: npm run dev once more (or npm run down && npm run up) puts it back'));
    }
    const tallies = await traffic.stop();
    samples.forEach((ms, i) => out.line(`edit ${i + 1}: live after ${(ms / 1000).toFixed(2)} s`));
    out.line(describeSaveToLive(samples));
    out.line(`failed requests during ${edits + 1} reloads: ${tallies.map(describeTally).join('; ')}`);
  } finally {
    await dev.stop();
  }
}

const RELOADED = /^catalog-api reloaded in /gm;

/** `npm run dev -- --no-web` as a child, its output read for the lines it prints. */
function startDev(out: Output) {
  const controller = new AbortController();
  let output = '';
  let ended = false;
  const child = realExec(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'dev', '--no-web'], {
    cwd: paths.repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    signal: controller.signal,
    keepOutput: false,
    onOutput: (chunk) => (output += chunk.toString()),
  }).finally(() => (ended = true));
  return {
    /** Resolves once the pattern has matched `count` lines of dev's output. */
    printed: async (pattern: RegExp, count: number, budgetMs: number): Promise<void> => {
      await eventually(`npm run dev printing ${pattern} ${count}×`, async () => {
        if ((output.match(new RegExp(pattern.source, 'gm')) ?? []).length >= count) return true;
        if (ended) throw new UserError(`npm run dev ended:\n${lastLines(output, 20)}`, 'run npm run dev yourself and fix what it reports, then the bench again');
        return undefined;
      }, { budgetMs, intervalMs: 20 });
    },
    stop: async () => {
      controller.abort();
      await child;
      out.line('npm run dev stopped (Ctrl-C): the stack keeps running');
    },
  };
}

/** Polls GET /api/info every 20 ms until an answer carries the marker (X-Reload-Marker); its time. */
function firstAnswerWith(base: string, value: string): Promise<number> {
  return eventually(`an answer with X-Reload-Marker ${value}`, async () => {
    const response = await fetch(`${base}/api/info`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    await response?.body?.cancel();
    return response?.headers.get('x-reload-marker') === value ? performance.now() : undefined;
  }, { budgetMs: 60_000, intervalMs: 20 });
}

async function runUp(mode: ReloadMode): Promise<void> {
  const result = await realExec(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'up', ...(mode === 'all at once' ? ['--all-at-once'] : [])], { cwd: paths.repoRoot, env: { ...process.env, NO_COLOR: '1' } });
  if (result.code !== 0) throw new UserError(`npm run up exited ${result.code}:\n${lastLines(result.stdout + result.stderr, 20)}`, 'run npm run up yourself and fix what it reports, then the bench again');
}

async function measure(rounds: number): Promise<void> {
  const out = createOutput();
  const base = loadClientSettings().settings.apiUrl;
  const api = createApiClient(base, fetch, 10_000);
  out.line('npm run up first, so every round starts from a current stack');
  await runUp('one at a time');
  const created = await api.request('POST', '/api/hotels', { name: 'Reload bench', city: 'Ghent', stars: 3 });
  if (created.status !== 201) throw new UserError(`could not create the hotel the write loop updates: ${describeResponse(created)}`, 'run npm run smoke to find the broken step');
  const { id } = created.body as StoredHotel;
  const marker = editReloadMarker();
  const results: ReloadRound[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const mode of MODES) {
        const result = await reloadRound(mode, `bench-${Date.now()}`, {
          setMarker: marker.set,
          runUp,
          now: () => performance.now(),
          startLoops: () => {
            const loops = [
              startLoop('reads', api, () => ({ method: 'GET', path: `/api/hotels/${id}`, expect: 200 })),
              startLoop('writes', api, (i) => ({ method: 'PUT', path: `/api/hotels/${id}`, body: { name: `Reload bench ${i}`, city: 'Ghent', stars: 3 }, expect: 200 })),
            ];
            return { stop: () => Promise.all(loops.map((loop) => loop.stop())) };
          },
          watchLive: (value) => watchMarker(base, value),
        });
        results.push(result);
        out.line(`round ${round}  ${describeRound(result)}`);
      }
    }
  } finally {
    marker.restore();
    await api.request('DELETE', `/api/hotels/${id}`).catch(() => undefined);
  }
  out.line('marker restored; npm run up again, so the stack runs the source as it is in git');
  await runUp('one at a time');
  for (const mode of MODES) {
    const { failed, sent } = failedIn(results, mode);
    out.line(`failed requests during up after an edit, ${mode}: ${failed} of ${sent}`);
  }
}

/** Polls GET /api/info until an answer carries the marker (X-Reload-Marker). */
function watchMarker(base: string, value: string): { firstSeen(): number | null; stop(): Promise<void> } {
  let seen: number | null = null;
  let stopping = false;
  const watching = (async () => {
    while (!stopping && seen === null) {
      const response = await fetch(`${base}/api/info`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      await response?.body?.cancel();
      if (response?.headers.get('x-reload-marker') === value) seen = performance.now();
      else await new Promise((done) => setTimeout(done, 50));
    }
  })();
  return {
    firstSeen: () => seen,
    stop: async () => {
      stopping = true;
      await watching;
    },
  };
}
