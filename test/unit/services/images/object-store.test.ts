import { describe, expect, it } from 'vitest';
import { createS3ObjectStore, ObjectStoreError } from '../../../../services/images/object-store.ts';

const settings = { url: 'http://object-store:9000', user: 'images', password: 'secret', bucket: 'hotel-images' };

function fakeS3(answer: (method: string, path: string) => Response) {
  const calls: Array<{ method: string; path: string; headers: Record<string, string> }> = [];
  const send = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ method: init?.method ?? 'GET', path: url.pathname, headers: init?.headers as Record<string, string> });
    return answer(init?.method ?? 'GET', url.pathname);
  }) as typeof fetch;
  return { calls, store: createS3ObjectStore(settings, send) };
}

describe('the S3 client', () => {
  it('signs every request with Signature Version 4 for the account, path-style under the bucket', async () => {
    const { calls, store } = fakeS3(() => new Response(null, { status: 200 }));
    await store.put('ab'.repeat(32), Buffer.from('bytes'), 'image/png');
    expect(calls[0]).toMatchObject({ method: 'PUT', path: `/hotel-images/${'ab'.repeat(32)}` });
    expect(calls[0]!.headers.Authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=images\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=[^ ]*content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(calls[0]!.headers['X-Amz-Content-Sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a missing key as undefined and an existing bucket as exists', async () => {
    const { store } = fakeS3((method) =>
      method === 'GET' ? new Response('<Error><Code>NoSuchKey</Code></Error>', { status: 404 }) : new Response('<Error><Code>BucketAlreadyOwnedByYou</Code></Error>', { status: 409 }),
    );
    await expect(store.get('x')).resolves.toBeUndefined();
    await expect(store.ensureBucket()).resolves.toBe('exists');
  });

  it("fails with the store's answer otherwise, and names an unreachable store", async () => {
    const { store } = fakeS3(() => new Response('<Error><Code>SignatureDoesNotMatch</Code></Error>', { status: 403 }));
    await expect(store.put('k', Buffer.from('x'), 'image/png')).rejects.toThrow(/refused PUT k: HTTP 403 .*SignatureDoesNotMatch/);
    const down = createS3ObjectStore(settings, (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    await expect(down.get('k')).rejects.toBeInstanceOf(ObjectStoreError);
    await expect(down.get('k')).rejects.toThrow('object store object-store:9000 did not answer GET /hotel-images/k: fetch failed');
  });
});
