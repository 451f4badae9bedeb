/**
 * The golden path as a trace the console shows: create a test hotel through HAProxy,
 * then time each hop from the moment the POST was sent — the row in MySQL, the change
 * event in Kafka, the document in the index, the hit in /api/search — all watched at
 * once, so each time is that hop's own. The hotel is deleted afterwards, whatever
 * happened. Clients come in as parameters (unit-tested with fakes).
 */
import { describeResponse, searchPath, type ApiClient, type StoredHotel } from '../platform-client/api-client.ts';
import { judgeSearchHit } from '../platform-client/api-judgements.ts';
import { uniqueToken } from '../platform-client/client-settings.ts';
import { errorText } from '../text.ts';
import type { Clock } from '../wait/clock.ts';
import { notReady, ready, type ProbeResult } from '../wait/poll.ts';
import { within } from '../wait/within.ts';

export interface TraceDeps {
  api: ApiClient;
  mysqlRow: (id: number) => Promise<{ name: string } | undefined>;
  /** Whether the console's Kafka tail has seen a change event for the id (undefined: tail not running, why). */
  kafkaSeen: (id: number) => { seen: boolean } | { error: string };
  esDocument: (id: number) => Promise<{ name: string } | undefined>;
  clock: Clock;
  budgetMs?: number;
  token?: string;
}

export interface Hop {
  hop: 'API' | 'row' | 'Kafka' | 'index' | 'search';
  ok: boolean;
  /** Since the POST was sent. */
  ms: number | null;
  detail: string;
}

export interface Trace {
  hotelId: number | null;
  hops: Hop[];
  deleted: boolean;
}

export async function runGoldenTrace({ api, mysqlRow, kafkaSeen, esDocument, clock, budgetMs = 15_000, token = uniqueToken(undefined, undefined, 'trace') }: TraceDeps): Promise<Trace> {
  const started = clock.now();
  let response;
  try {
    response = await api.request('POST', '/api/hotels', { name: `Console trace ${token}`, city: 'Tracetown', stars: 3, description: 'created and deleted by the console golden-path trace' });
  } catch (error) {
    return { hotelId: null, hops: [{ hop: 'API', ok: false, ms: null, detail: `HAProxy not reachable: ${errorText(error)}` }], deleted: false };
  }
  if (response.status !== 201) return { hotelId: null, hops: [{ hop: 'API', ok: false, ms: null, detail: describeResponse(response) }], deleted: false };
  const id = (response.body as StoredHotel).id;
  const hops: Hop[] = [{ hop: 'API', ok: true, ms: clock.now() - started, detail: `201, id ${id} via ${response.servedBy ?? 'unknown replica'}` }];

  const watch = async (hop: Hop['hop'], probe: () => Promise<ProbeResult<string>>): Promise<Hop> => {
    try {
      const detail = await within(`${hop} for hotel ${id}`, probe, { budgetMs, intervalMs: 50, clock });
      return { hop, ok: true, ms: clock.now() - started, detail };
    } catch (error) {
      return { hop, ok: false, ms: null, detail: errorText(error) };
    }
  };
  const attempt = async (check: () => Promise<ProbeResult<string>>) => {
    try {
      return await check();
    } catch (error) {
      return notReady(errorText(error));
    }
  };
  hops.push(
    ...(await Promise.all([
      watch('row', () => attempt(async () => ((await mysqlRow(id))?.name.includes(token) ? ready('row in hotels') : notReady(`no row ${id} yet`)))),
      watch('Kafka', async () => {
        const seen = kafkaSeen(id);
        if ('error' in seen) return notReady(`the console's Kafka reader: ${seen.error}`);
        return seen.seen ? ready('change event on the CDC topic') : notReady(`no change event for id ${id} yet`);
      }),
      watch('index', () => attempt(async () => ((await esDocument(id)) ? ready('document in the index') : notReady(`no document ${id} yet`)))),
      watch('search', () =>
        attempt(async () => {
          const hit = judgeSearchHit(await api.request('GET', searchPath(token)), id);
          return hit.ready ? ready('found by /api/search') : hit;
        }),
      ),
    ])),
  );

  let deleted = false;
  try {
    deleted = (await api.request('DELETE', `/api/hotels/${id}`)).status === 204;
  } catch {
    deleted = false;
  }
  return { hotelId: id, hops, deleted };
}
