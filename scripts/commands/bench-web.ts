/**
 * `bench-web [--runs N]`: the front end as a first visit sees it, through HAProxy.
 * - initial JavaScript and CSS, gzip (the goal: JavaScript ≤ 150 kB);
 * - first load of `/` (index.html, then its scripts and stylesheets in parallel, as a
 *   browser does) with a cold edge cache and with a warm one, N times each (default 10),
 *   median and p95. Cold: each run asks for the assets under a query of its own, so
 *   HAProxy's cache (keyed on host and URI) misses and the web server answers. Warm: the
 *   same URLs after one priming load;
 * - the cache hit ratio of the warm runs, from HAProxy's own counters (stats CSV);
 * - the same first visit on new connections over HTTP/1.1 (HTTP_PORT), and over HTTPS_PORT
 *   with HTTP/1.1 and with h2, each protocol checked to be the one negotiated
 *   (bench/first-visits.ts): what TLS costs a first visit and what h2 gives back.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { UserError } from '../lib/errors.ts';
import { summarize } from '../lib/bench/latency-stats.ts';
import { backendCacheCounters, chunkReferences, gzipSize, hitRatio, initialAssets } from '../lib/bench/page-load.ts';
import { compareFirstVisits } from '../lib/bench/first-visits.ts';
import { openVisitClient, type VisitProtocol } from '../lib/bench/visit-client.ts';
import { paths } from '../lib/paths.ts';
import { readCaCertificate } from '../lib/tls/trusting-fetch.ts';
import { fetchStatsCsv } from '../lib/status/edge-cache.ts';
import { createOutput } from '../lib/ui/output.ts';

const VISIT_PROTOCOLS: VisitProtocol[] = ['http/1.1', 'https http/1.1', 'https h2'];

const usage = 'npm run bench:web -- [--runs N]   (N from 1 to 200, default 10)';
const JS_GOAL_BYTES = 150 * 1000;

export const command = defineCommand({
  summary: 'the front end as a first visit sees it: bundle size, cold and warm loads through HAProxy, cache hits, HTTP/1.1 beside HTTPS h2',
  usage,
  options: { runs: { type: 'string', value: 'N', description: 'loads per kind, 1 to 200 (default 10)' } },
  run: async ({ values }) => benchWeb(wholeNumberOption(values.runs, { option: 'runs', min: 1, max: 200, fallback: 10 }, usage)),
});

async function benchWeb(runs: number): Promise<void> {
  const { config, stack } = requireConfig();
  const out = createOutput();
  const base = stack.urls.api;

  const index = await get(`${base}/`);
  const assets = initialAssets(await index.text());
  if (assets.scripts.length === 0) throw new UserError(`${base}/ has no script: is it the front end?`, 'run `npm run up` and open the URL it prints');
  const sizes = async (files: string[]) => {
    let total = 0;
    for (const file of files) total += gzipSize(new Uint8Array(await (await get(`${base}${file}`)).arrayBuffer()));
    return total;
  };
  const js = await sizes(assets.scripts);
  const css = await sizes(assets.styles);
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  out.line(`initial JavaScript ${kb(js)} gzip (goal ≤ ${kb(JS_GOAL_BYTES)}: ${js <= JS_GOAL_BYTES ? 'met' : 'MISSED'}), CSS ${kb(css)} gzip, ${assets.scripts.length + assets.styles.length} file(s)`);
  for (const chunk of await laterChunks(base, assets.scripts)) out.line(`  loaded later: ${chunk.path} ${kb(chunk.gzip)} gzip`);

  const files = [...assets.scripts, ...assets.styles];
  // index.html, then what it names in parallel, as a browser does; from `origin` with `fetchImpl`'s connections.
  const visit = async (query: string, origin = base, fetchImpl: typeof fetch = fetch) => {
    await (await get(`${origin}/`, fetchImpl)).arrayBuffer();
    await Promise.all(files.map(async (file) => (await get(`${origin}${file}${query}`, fetchImpl)).arrayBuffer()));
  };
  const load = async (query: string) => {
    const started = performance.now();
    await visit(query);
    return performance.now() - started;
  };
  const cold: number[] = [];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < runs; i++) cold.push(await load(`?cold=${stamp}-${i}`));
  await load('');
  const stats = () => fetchStatsCsv(stack.urls.stats, stack.statsCredentials);
  const before = backendCacheCounters(await stats(), 'web');
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(await load(''));
  const after = backendCacheCounters(await stats(), 'web');

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const c = summarize(cold);
  const w = summarize(warm);
  out.line(`first load of / (index.html + ${files.length} asset(s)), ${runs} runs each:`);
  out.line(`  cold edge cache: median ${ms(c.median)}, p95 ${ms(c.p95)}`);
  out.line(`  warm edge cache: median ${ms(w.median)}, p95 ${ms(w.p95)}`);
  const ratio = hitRatio(before, after);
  out.line(`edge cache hit ratio over the warm runs: ${ratio === undefined ? 'no lookups' : `${(ratio * 100).toFixed(0)} %`} (${after.hits - before.hits} hits / ${after.lookups - before.lookups} lookups; all-time ${after.hits}/${after.lookups})`);

  // The transport on its own: the warm edge cache's URLs, each visit on new connections (handshakes included).
  const ca = readCaCertificate(paths.tlsDir);
  const figures = await compareFirstVisits({
    protocols: VISIT_PROTOCOLS,
    runs,
    open: (protocol) => openVisitClient(protocol, protocol === 'http/1.1' ? undefined : ca),
    visit: (protocol, client) => visit('', protocol === 'http/1.1' ? base : stack.urls.apiHttps, client.fetch),
    now: () => performance.now(),
  });
  out.line(`first visit on new connections (warm edge cache), HTTP_PORT beside HTTPS_PORT trusting .tls/ca.crt, ${runs} runs each, taking turns:`);
  for (const { protocol, summary, connections } of figures) {
    out.line(`  ${protocol.padEnd(14)} median ${ms(summary.median)}, p95 ${ms(summary.p95)} (${connections} connection(s) over ${runs} visits)`);
  }
}

/** Every chunk the initial scripts can import later, followed through the chunks themselves. */
async function laterChunks(base: string, initial: string[]): Promise<Array<{ path: string; gzip: number }>> {
  const seen = new Set(initial);
  const found: Array<{ path: string; gzip: number }> = [];
  const queue = [...initial];
  while (queue.length > 0) {
    const path = queue.shift()!;
    const body = new Uint8Array(await (await get(`${base}${path}`)).arrayBuffer());
    if (!initial.includes(path)) found.push({ path, gzip: gzipSize(body) });
    for (const next of chunkReferences(new TextDecoder().decode(body))) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return found.sort((a, b) => b.gzip - a.gzip);
}

async function get(url: string, fetchImpl: typeof fetch = fetch): Promise<Response> {
  const response = await fetchImpl(url, { headers: { 'Accept-Encoding': 'gzip' } }).catch((error: unknown) => {
    // fetch's own message is "fetch failed": the cause says which (refused, a certificate the CA did not sign).
    const cause = (error as Error & { cause?: Error }).cause;
    throw new UserError(`${url} is not reachable: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`, 'start the stack with `npm run up`');
  });
  if (!response.ok) throw new UserError(`${url} answered ${response.status}`, 'check `npm run status` and `npm run logs -- web`');
  return response;
}

