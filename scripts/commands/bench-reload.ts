/**
 * `npm run bench:reload -- [--rounds N]`: failed requests and save → live time when a
 * service's source changes and `npm run up` rebuilds and recreates it (issue 23), as an
 * A/B pair per round: `up --all-at-once` (the replicas recreated together, as before)
 * and `up` (one at a time behind HAProxy's drain). The change is catalog-api's reload
 * marker (services/catalog-api/reload-marker.ts), put back at the end, after which one
 * more `up` leaves the stack running the source as it is in git.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { UsageError, UserError } from '../lib/errors.ts';
import { realExec } from '../lib/exec.ts';
import { paths } from '../lib/paths.ts';
import { createApiClient, describeResponse, type StoredHotel } from '../lib/platform-client/api-client.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { editReloadMarker } from '../lib/bench/reload-marker-file.ts';
import { describeRound, failedIn, reloadRound, type ReloadMode, type ReloadRound } from '../lib/bench/reload-bench.ts';
import { startLoop } from '../lib/bench/traffic-loop.ts';
import { lastLines } from '../lib/text.ts';
import { createOutput } from '../lib/ui/output.ts';

const usage = 'npm run bench:reload -- [--rounds N]   (N from 1 to 10, default 1; each round runs `up` twice)';
const MODES: ReloadMode[] = ['all at once', 'one at a time'];

export const command = defineCommand({
  summary: 'failed requests and save → live time while `up` rebuilds and recreates an edited service',
  usage,
  options: { rounds: { type: 'string', value: 'N', description: 'A/B pairs to run, 1 to 10 (default 1)' } },
  run: async ({ values }) => {
    const rounds = Number(values.rounds ?? 1);
    if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) throw new UsageError(`--rounds must be 1 to 10, got ${values.rounds}`, usage);
    return measure(rounds);
  },
});

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
