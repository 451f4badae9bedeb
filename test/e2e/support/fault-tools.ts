/**
 * What the fault suite does to the running stack and how it watches the damage:
 * containers killed and restarted (the docker CLI through the project's one exec,
 * asynchronously, so load keeps flowing while Docker works), a steady stream of
 * writes, a read load that counts every failed request, and the waits that say
 * the stack is whole again. Every wait polls a real condition under a bound.
 */
import { request } from 'node:http';
import { createConnectClient } from '../../../scripts/lib/connect/connect-client.ts';
import { realExec } from '../../../scripts/lib/exec.ts';
import { describeResponse, searchPath } from '../../../scripts/lib/platform-client/api-client.ts';
import { clientSettings } from '../../../scripts/lib/platform-client/client-settings.ts';
import { gatherSearchFacts, httpBody, INDEXER_HEALTH_REQUEST } from '../../../scripts/lib/status/search-facts.ts';
import type { SearchFacts } from '../../../scripts/lib/status/search-report.ts';
import { notReady, ready } from '../../../scripts/lib/wait/poll.ts';
import { eventually, within } from '../../../scripts/lib/wait/within.ts';
import { api, createHotel, type Hotel } from './api.ts';
import { runCli } from './run-cli.ts';
import { projectName, stack, urls } from './running-stack.ts';

export async function docker(args: string[]): Promise<string> {
  const result = await realExec('docker', args, { timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}

/**
 * The service's container, found by Compose labels. Asynchronous like every Docker call
 * here: a synchronous one stalls the load generators for as long as Docker takes to
 * answer, and their idle keep-alive sockets expire meanwhile (a failure of the test, not
 * of the stack).
 */
export async function containerOf(service: string): Promise<string> {
  const labels = [`com.docker.compose.project=${projectName()}`, `com.docker.compose.service=${service}`];
  const [id] = (await docker(['ps', '-aq', ...labels.flatMap((label) => ['--filter', `label=${label}`])])).split('\n').filter(Boolean);
  if (!id) throw new Error(`no ${service} container in Compose project ${projectName()}: run npm run up`);
  return id;
}

/** Healthy by its own healthcheck: the condition `up` waits for too. */
export async function awaitHealthy(service: string, budgetMs = 100_000): Promise<void> {
  const id = await containerOf(service);
  await within(`${service} healthy`, async () => {
    const state = (await docker(['inspect', '--format', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}', id])).trim();
    return state === 'running healthy' ? ready() : notReady(`container is ${state}`);
  }, { budgetMs, intervalMs: 500 });
}

/**
 * The connector (the catalog's unless named) and its task RUNNING, as Connect reports them.
 * Nothing restarts them here: recovery is the stack's job.
 */
export function awaitConnectorRunning(budgetMs = 90_000, name = stack().names.connector): Promise<void> {
  const client = createConnectClient(urls().connect, undefined, 5_000);
  return within(`connector ${name} and its task RUNNING`, async () => {
    const answer = await client.status(name).catch((error: unknown) => ({ status: 0, body: undefined, text: String(error) }));
    if (answer.status !== 200 || !answer.body) return notReady(`GET status answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    const { connector, tasks } = answer.body;
    const states = [`connector ${connector.state}`, ...tasks.map((t) => `task ${t.id} ${t.state}${t.trace ? `: ${t.trace.split('\n')[0]}` : ''}`)];
    return connector.state === 'RUNNING' && tasks.length > 0 && tasks.every((t) => t.state === 'RUNNING') ? ready() : notReady(states.join(', '));
  }, { budgetMs, intervalMs: 500 });
}

export interface WriteStream {
  /** Hotels the API acknowledged (201): each must reach search. */
  readonly written: Hotel[];
  /** Writes the API refused or could not take (the database down): not counted as written. */
  readonly refused: string[];
  /** Resolves once `count` more writes have been acknowledged. */
  more(count: number, budgetMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates hotels one after another through HAProxy, each named with `token` so one
 * search finds them all, at a steady pace (a load, not a wait).
 */
export function startWriteStream(base: string, token: string, paceMs = 50): WriteStream {
  const written: Hotel[] = [];
  const refused: string[] = [];
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      n++;
      try {
        written.push(await createHotel(base, { name: `Fault ${token} ${n}`, city: 'Faultville', stars: 3 }));
      } catch (error) {
        refused.push(error instanceof Error ? error.message : String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, paceMs));
    }
  })();
  return {
    written,
    refused,
    async more(count, budgetMs = 60_000) {
      const target = written.length + count;
      await eventually(`${count} more writes acknowledged (last refusal: ${refused.at(-1) ?? 'none'})`, async () => (written.length >= target ? true : undefined), { budgetMs, intervalMs: 50 });
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * Every acknowledged write of the stream is searchable, each by its id, and nothing else
 * but writes whose answer was lost: a create the database committed just before it went
 * away is refused to the client yet reaches search, so the count alone cannot be exact.
 */
export function awaitAllSearchable(base: string, token: string, stream: WriteStream, budgetMs = 60_000): Promise<void> {
  const expected = stream.written.map((hotel) => hotel.id);
  const lostAnswers = stream.refused.length;
  return within(`all ${expected.length} hotels written during the fault searchable`, async () => {
    const found = new Set<number>();
    let total = 0;
    for (let offset = 0; offset === 0 || offset < total; offset += 100) {
      const response = await api(base, 'GET', `/api/search?${new URLSearchParams({ q: token, limit: '100', offset: String(offset) })}`);
      if (response.status !== 200) return notReady(describeResponse(response));
      const body = response.body as { total: number; hits: { id: number }[] };
      total = body.total;
      for (const hit of body.hits) found.add(hit.id);
      if (body.hits.length === 0) break;
    }
    const missing = expected.filter((id) => !found.has(id));
    if (missing.length > 0) return notReady(`search finds ${total}; ${missing.length} of the ${expected.length} acknowledged missing (e.g. id ${missing[0]})`);
    if (total > expected.length + lostAnswers) return notReady(`search finds ${total}: more than the ${expected.length} acknowledged writes and the ${lostAnswers} whose answer was lost`);
    return ready();
  }, { budgetMs, intervalMs: 500 });
}

export interface ReadLoad {
  readonly requests: number;
  /** Every read that did not answer 200, with what it saw. */
  readonly failures: string[];
  stop(): Promise<void>;
}

/** `concurrency` clients reading by id and searching through HAProxy, back to back: idempotent requests only. */
export function startReadLoad(base: string, ids: number[], concurrency = 8): ReadLoad {
  const failures: string[] = [];
  let requests = 0;
  let running = true;
  const client = async (offset: number) => {
    for (let i = offset; running; i++) {
      const path = i % 2 === 0 ? `/api/hotels/${ids[i % ids.length]}` : searchPath('hotel');
      requests++;
      try {
        const response = await api(base, 'GET', path);
        if (response.status !== 200) failures.push(`GET ${path}: ${describeResponse(response)}`);
      } catch (error) {
        failures.push(`GET ${path}: ${error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error)}`);
      }
    }
  };
  const clients = Array.from({ length: concurrency }, (_, k) => client(k));
  return {
    get requests() {
      return requests;
    },
    failures,
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}

export interface VerifyOutcome {
  code: number;
  output: string;
}

/** `npm run verify -- --json`: exit 0 when database and index agree, 1 on drift. */
export async function verify(): Promise<VerifyOutcome> {
  const { code, output } = await runCli(['verify', '--json']);
  return { code, output };
}

/**
 * Zero drift once the pipeline has caught up. Bounded and polled: a change still in
 * flight (a delete a moment behind) may show up once, drift that stays is a failure.
 */
export async function awaitNoDrift(budgetMs = 30_000): Promise<void> {
  await within('npm run verify reports zero drift', async () => {
    const outcome = await verify();
    return outcome.code === 0 ? ready() : notReady(`exit ${outcome.code}: ${outcome.output.trim().slice(-600)}`);
  }, { budgetMs, intervalMs: 1_000 });
}

/** What `npm run status` gathers about search: the indexer's /healthz, dead letters, lag, documents and rows. */
export async function searchFacts(): Promise<SearchFacts> {
  const config = stack();
  const indexer = await containerOf('search-indexer');
  return gatherSearchFacts({
    settings: clientSettings(config),
    names: config.names,
    search: config.names.search,
    indexerHealth: async () => httpBody(await docker(['exec', indexer, ...INDEXER_HEALTH_REQUEST])),
  });
}

/**
 * A POST to an admin listener as a command-line client sends it: no Origin, no
 * Sec-Fetch-* header (fetch adds Sec-Fetch-Mode), which the admin listeners keep for
 * browsers to be refused on.
 */
export function adminPost(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Length': '0' }, timeout: 30_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (part: string) => (body += part)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`POST ${url} timed out`))).on('error', reject).end();
  });
}
