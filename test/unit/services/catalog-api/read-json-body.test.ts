import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../../services/catalog-api/http-error.ts';
import { readJsonBody } from '../../../../services/catalog-api/read-json-body.ts';

function request(chunks: string[], headers: Record<string, string> = {}) {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers });
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('readJsonBody', () => {
  it('parses JSON split across chunks', async () => {
    await expect(readJsonBody(request(['{"name":', '"x"}']), 100)).resolves.toEqual({ name: 'x' });
  });

  it('answers 400 for malformed JSON and for an empty body', async () => {
    expect((await failure(readJsonBody(request(['{bad']), 100))).status).toBe(400);
    expect((await failure(readJsonBody(request([]), 100))).code).toBe('invalid_json');
  });

  it('answers 413 from Content-Length before reading', async () => {
    const error = await failure(readJsonBody(request(['{}'], { 'content-length': '2000000' }), 1024 * 1024));
    expect(error.status).toBe(413);
  });

  it('answers 413 when a body without length grows past the limit', async () => {
    const error = await failure(readJsonBody(request(['x'.repeat(600), 'x'.repeat(600)]), 1000));
    expect(error.status).toBe(413);
  });
});
