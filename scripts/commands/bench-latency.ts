/**
 * `bench-latency [--runs N]`: measures create → searchable through the whole
 * pipeline (API → MySQL → Debezium → Kafka → indexer → Elasticsearch → search),
 * N times (default 20), and prints min / median / p95 / max. Each hotel is deleted
 * after its run.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { UsageError, UserError } from '../lib/errors.ts';
import { createOutput } from '../lib/ui/output.ts';
import { describeResponse, searchPath, type StoredHotel } from '../lib/platform-client/api-client.ts';
import { edgeApiClient, HTTPS_OPTION } from '../lib/platform-client/edge-api-client.ts';
import { judgeSearchHit } from '../lib/platform-client/api-judgements.ts';
import { summarize } from '../lib/bench/latency-stats.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { uniqueToken } from '../lib/platform-client/client-settings.ts';
import { withinStep } from '../smoke/step-runner.ts';

const usage = 'npm run bench -- [--runs N] [--https]   (N from 1 to 500, default 20)';

export const command = defineCommand({
  summary: 'create → searchable latency through the whole pipeline',
  usage,
  options: { runs: { type: 'string', value: 'N', description: 'how many hotels to time, 1 to 500 (default 20)' }, ...HTTPS_OPTION },
  run: async ({ values }) => {
    const runs = Number(values.runs ?? 20);
    if (!Number.isInteger(runs) || runs < 1 || runs > 500) throw new UsageError(`--runs must be 1 to 500, got ${values.runs}`, usage);
    return measure(runs, values.https === true);
  },
});

async function measure(runs: number, https: boolean): Promise<void> {
  const out = createOutput();
  const { api } = edgeApiClient(loadClientSettings().stack, https);

  const samples: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const token = uniqueToken();
    const response = await api.request('POST', '/api/hotels', { name: `Bench ${token}`, city: 'Benchville', stars: 2 });
    if (response.status !== 201) throw new UserError(`create failed: ${describeResponse(response)}`, 'run `npm run smoke` to find the broken step');
    const { id } = response.body as StoredHotel;
    const started = performance.now();
    try {
      await withinStep('searchable', async () => judgeSearchHit(await api.request('GET', searchPath(token)), id), {
        expected: `hotel ${id} searchable`, hint: 'run `npm run smoke`', budgetMs: 15_000, intervalMs: 25,
      });
    } finally {
      await api.request('DELETE', `/api/hotels/${id}`).catch(() => undefined);
    }
    samples.push(performance.now() - started);
    out.status(`run ${i}/${runs}: ${Math.round(samples[samples.length - 1]!)} ms`);
  }
  const s = summarize(samples);
  const ms = (n: number) => `${Math.round(n)} ms`;
  out.line(`create → searchable over ${s.runs} runs: median ${ms(s.median)}, p95 ${ms(s.p95)}, min ${ms(s.min)}, max ${ms(s.max)}`);
}
