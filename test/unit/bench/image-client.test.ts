/**
 * The image bench's client against a local HTTP server standing in for HAProxy: what it
 * reads from an answer, and that every request goes over the one kept-alive connection
 * (the warm figure must not include a TCP handshake per request).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { keepAliveImageClient } from '../../../scripts/lib/bench/image-client.ts';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function cdn(): Promise<{ base: string; connections: () => number; bodies: Buffer[] }> {
  let connections = 0;
  const bodies: Buffer[] = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST') {
        bodies.push(Buffer.concat(chunks));
        response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ hash: 'ab'.repeat(32) }));
        return;
      }
      response.writeHead(request.url?.endsWith('.webp') ? 200 : 404, { 'x-cache-status': request.url?.includes('warm') ? 'HIT' : 'MISS' }).end(Buffer.alloc(1234));
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, bodies };
}

describe('keepAliveImageClient', () => {
  it('reads status, X-Cache-Status and the body size, timed by the clock it is given, over one connection', async () => {
    const { base, connections } = await cdn();
    let tick = 0;
    const client = keepAliveImageClient(base, () => (tick += 5));
    try {
      expect(await client.get('/img/cold/card.webp')).toEqual({ status: 200, cache: 'MISS', bytes: 1234, ms: 5 });
      expect(await client.get('/img/warm/card.webp')).toMatchObject({ status: 200, cache: 'HIT' });
      expect(await client.get('/img/warm/card.gif')).toMatchObject({ status: 404 });
      for (let i = 0; i < 20; i += 1) await client.get('/img/warm/card.webp');
      expect(connections()).toBe(1);
    } finally {
      client.close();
    }
  });

  it('posts a body with its type and parses the JSON answer', async () => {
    const { base, bodies } = await cdn();
    const client = keepAliveImageClient(base);
    try {
      expect(await client.post('/api/hotels/1/images', Buffer.from('photo'), 'image/jpeg')).toEqual({ status: 201, json: { hash: 'ab'.repeat(32) } });
      expect(bodies.map(String)).toEqual(['photo']);
    } finally {
      client.close();
    }
  });
});
