/**
 * The object store's client: S3's REST API (path-style, `/<bucket>/<key>`), every request
 * signed with Signature Version 4 by `aws4`, sent with Node's fetch. Only the three calls
 * the service makes; S3Proxy (compose's object-store) and any S3 answer them alike.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 */
import aws4 from 'aws4';

export interface ObjectStore {
  /** Creates the bucket; one that exists already is fine. */
  ensureBucket(): Promise<'created' | 'exists'>;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or undefined when there is no such key. */
  get(key: string): Promise<Buffer | undefined>;
}

export interface ObjectStoreSettings {
  /** http://object-store:9000 */
  url: string;
  user: string;
  password: string;
  bucket: string;
  /** S3Proxy accepts any region in the signature; `us-east-1` is S3's default. */
  region?: string;
}

export class ObjectStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}

export function createS3ObjectStore(settings: ObjectStoreSettings, send: typeof fetch = fetch): ObjectStore {
  const endpoint = new URL(settings.url);
  const credentials = { accessKeyId: settings.user, secretAccessKey: settings.password };

  async function request(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
    const signed = aws4.sign(
      { host: endpoint.host, path, method, service: 's3', region: settings.region ?? 'us-east-1', headers: { ...headers }, body },
      credentials,
    );
    const sentHeaders = Object.fromEntries(Object.entries(signed.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'host').map(([name, value]) => [name, String(value)]));
    try {
      return await send(new URL(path, endpoint), { method, headers: sentHeaders, body: body === undefined ? undefined : new Uint8Array(body), signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new ObjectStoreError(`object store ${endpoint.host} did not answer ${method} ${path}: ${(error as Error).message}`);
    }
  }

  const objectPath = (key: string) => `/${settings.bucket}/${encodeURIComponent(key)}`;

  async function failure(response: Response, what: string): Promise<ObjectStoreError> {
    const text = (await response.text()).slice(0, 300);
    return new ObjectStoreError(`object store refused ${what}: HTTP ${response.status} ${text}`);
  }

  return {
    async ensureBucket() {
      const response = await request('PUT', `/${settings.bucket}`);
      if (response.ok) {
        await response.arrayBuffer();
        return 'created';
      }
      const text = await response.text();
      if (response.status === 409 && /BucketAlreadyOwnedByYou|BucketAlreadyExists/.test(text)) return 'exists';
      throw new ObjectStoreError(`object store refused creating bucket ${settings.bucket}: HTTP ${response.status} ${text.slice(0, 300)}`);
    },
    async put(key, body, contentType) {
      const response = await request('PUT', objectPath(key), body, { 'Content-Type': contentType });
      if (!response.ok) throw await failure(response, `PUT ${key}`);
      await response.arrayBuffer();
    },
    async get(key) {
      const response = await request('GET', objectPath(key));
      if (response.status === 404) {
        await response.arrayBuffer();
        return undefined;
      }
      if (!response.ok) throw await failure(response, `GET ${key}`);
      return Buffer.from(await response.arrayBuffer());
    },
  };
}
