/**
 * Odd and hostile HTTP against the real stack: over-limit uploads through HAProxy
 * with a keep-alive client, a request target no URL parser accepts sent straight
 * to a replica, malformed percent-encoding, writes that are not JSON, and a request
 * id chosen by the client (the edge replaces it; a replica keeps only an id of the edge's shape).
 *
 * Order: the files borrow one stack and leave it running for the next
 * (support/file-order.ts); the run gives it back as it found it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../services/catalog-api/config.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { api, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { containers, docker, urls } from './support/running-stack.ts';

// The replicas run the API's default limit (compose.yaml does not set BODY_LIMIT_BYTES).
const bodyLimit = DEFAULT_BODY_LIMIT_BYTES;
let hotelPath: string;

beforeAll(async () => {
  await borrowStack();
  // The request after each 413 is a quick read: a slow one gives a closing socket
  // time to close, and hides the failure this file is about.
  const hotel = await createHotel(urls().api, { name: 'Hostile input target', city: 'Oslo', stars: 3 });
  hotelPath = `/api/hotels/${hotel.id}`;
});

afterAll(async () => {
  if (hotelPath) await api(urls().api, 'DELETE', hotelPath).catch(() => undefined);
});

/** An over-limit upload with Node's fetch, then a normal GET on the same (global, keep-alive) dispatcher. */
async function overLimitThenGet(base: string, body: () => BodyInit, round: number) {
  const upload = await fetch(`${base}/api/hotels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(),
    duplex: 'half',
  } as RequestInit).catch((error: Error) => {
    throw new Error(`round ${round}: the over-limit POST failed instead of answering 413: ${error.message} (${(error.cause as Error)?.message})`);
  });
  const answer = (await upload.json()) as { error?: { code?: string } };
  expect(upload.status, `round ${round}: POST`).toBe(413);
  expect(answer.error?.code).toBe('payload_too_large');

  const next = await fetch(`${base}${hotelPath}`).catch((error: Error) => {
    throw new Error(`round ${round}: the GET after a 413 failed: ${error.message} (${(error.cause as Error)?.message})`);
  });
  await next.arrayBuffer();
  expect(next.status, `round ${round}: GET after the 413`).toBe(200);
}

function chunkedBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x78);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

/** Runs bash inside the replica's container and talks HTTP to it over /dev/tcp (the replicas are not published). */
function askReplicaDirectly(containerId: string, request: string): string {
  const script = 'exec 3<>/dev/tcp/127.0.0.1/3000 && printf "$1" >&3 && timeout 5 cat <&3';
  try {
    return docker(['exec', containerId, 'bash', '-c', script, 'ask', request]);
  } catch (error) {
    return `(no answer: ${(error as Error).message.split('\n')[0]})`;
  }
}

function lifecycle(containerId: string): string {
  return docker(['inspect', '--format', 'restarts={{.RestartCount}} started={{.State.StartedAt}}', containerId]).trim();
}

describe('hostile and odd HTTP input', () => {
  test('20 over-limit uploads with Content-Length through HAProxy: each gets 413, each next GET works', async () => {
    const { api: base } = urls();
    const body = Buffer.alloc(bodyLimit + 1024, 0x78);
    for (let round = 1; round <= 20; round++) await overLimitThenGet(base, () => body, round);
  });

  test('20 chunked over-limit uploads through HAProxy (the replica answers 413): each next GET works', async () => {
    const { api: base } = urls();
    for (let round = 1; round <= 20; round++) await overLimitThenGet(base, () => chunkedBody(8 * bodyLimit), round);
  });

  test('a request target no URL parser accepts, sent straight to a replica, is a 400 and the replica lives on', () => {
    const replica = containers().find((c) => c.service === 'catalog-api-1');
    expect(replica?.running).toBe(true);
    const before = lifecycle(replica!.id);

    const answer = askReplicaDirectly(replica!.id, 'GET http://x[/api/x HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(answer).toContain('"code":"invalid_request_target"');

    // Asked again at once: a crashed process refuses the connection or is a new one.
    const health = askReplicaDirectly(replica!.id, 'GET /healthz HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n');
    expect(health.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(lifecycle(replica!.id)).toBe(before);
  });

  test('malformed percent-encoding is a 400 through HAProxy', async () => {
    const response = await fetch(`${urls().api}/api/hotels/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_path' } });
  });

  test('a write that is not JSON is a 415 through HAProxy, as a cross-site form would send it', async () => {
    const response = await fetch(`${urls().api}/api/hotels`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'Forged', city: 'Nowhere', stars: 1 }),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  test("a client's X-Request-ID never reaches the logs: HAProxy replaces it, a replica asked directly replaces free text", async () => {
    const forged = uniqueToken('forgedid');
    const response = await fetch(`${urls().api}/api/no-such-thing`, { headers: { 'X-Request-ID': forged } });
    const edgeId = response.headers.get('x-request-id') ?? '';
    expect(edgeId).toMatch(UUID);
    // The id the replica used (its error body) is the edge's, not the client's.
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' }, requestId: edgeId });
    const replicas = containers().filter((c) => c.service.startsWith('catalog-api-'));
    const logs = () => replicas.map((c) => docker(['logs', c.id])).join('\n');
    await eventually(`a replica logs request ${edgeId}`, async () => (logs().includes(edgeId) ? true : undefined), { budgetMs: 10_000, intervalMs: 250 });

    const direct = askReplicaDirectly(replicas[0]!.id, `GET /api/no-such-thing HTTP/1.1\\r\\nHost: x\\r\\nX-Request-ID: ${forged}\\r\\nConnection: close\\r\\n\\r\\n`);
    const directId = /^x-request-id: (.*)$/im.exec(direct)?.[1]?.trim();
    expect(directId, direct).toMatch(UUID);
    expect(logs()).not.toContain(forged);
  });
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
