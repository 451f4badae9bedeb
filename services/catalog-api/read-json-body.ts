/**
 * Reads a JSON request body with a hard size limit. The limit is checked against
 * Content-Length first (reject before reading) and against the bytes actually
 * received (chunked bodies have no length). The Content-Type was checked before
 * (app.ts answers 415 unless it is application/json).
 */
import { HttpError } from './http-error.ts';

export interface BodySource extends AsyncIterable<Buffer | string> {
  headers: Record<string, string | string[] | undefined>;
}

export async function readJsonBody(req: BodySource, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);

  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    received += buffer.length;
    if (received > limitBytes) throw tooLarge(limitBytes);
    chunks.push(buffer);
  }

  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'invalid_json', 'request body is empty; send a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `request body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(limitBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', `request body is larger than the limit of ${limitBytes} bytes`);
}
