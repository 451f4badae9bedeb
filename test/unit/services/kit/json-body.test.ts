/**
 * The JSON body rules every service gets from the kit: parsed whatever its
 * chunking, 400 `invalid_json` for malformed or empty JSON, 413 from
 * Content-Length before reading, and 413 when a body without length grows past
 * the limit.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../../services/kit/http-service.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import { rawRequest } from '../catalog-api/raw-http.ts';

const app = createService({ name: 'kit-test', log: createLogger({}, { write: () => {} }), bodyLimitBytes: 1000 });
app.post('/echo', async (request) => ({ received: request.body }));
let port: number;
beforeAll(async () => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(() => app.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json', ...headers }, payload: body });

function chunked(chunks: string[], contentLength?: number): string {
  const head = `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`;
  if (contentLength !== undefined) return `${head}Content-Length: ${contentLength}\r\n\r\n${chunks.join('')}`;
  return `${head}Transfer-Encoding: chunked\r\n\r\n${chunks.map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`).join('')}0\r\n\r\n`;
}

describe('JSON request bodies', () => {
  it('parses JSON split across chunks', async () => {
    const answer = await rawRequest(port, chunked(['{"name":', '"x"}']).replace('Host: x\r\n', 'Host: x\r\nConnection: close\r\n'));
    expect(JSON.parse(answer.body)).toEqual({ received: { name: 'x' } });
  });

  it('answers 400 for malformed JSON and for an empty body', async () => {
    expect((await post('{bad')).statusCode).toBe(400);
    expect((await post('')).json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('answers 413 from Content-Length before reading', async () => {
    // Two bytes sent, 2 000 000 declared: the answer comes without waiting for the rest.
    const answer = await rawRequest(port, chunked(['{}'], 2_000_000));
    expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(answer.headers.connection).toBe('close');
  });

  it('answers 413 when a body without length grows past the limit', async () => {
    const answer = await rawRequest(port, chunked(['x'.repeat(600), 'x'.repeat(600)]));
    expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});
