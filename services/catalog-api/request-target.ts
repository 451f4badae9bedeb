/**
 * The request target as a URL. node:http hands the listener whatever came after
 * the method, and an absolute-form target such as `http://x[/api/x` is not a URL:
 * `new URL` throws. That is the client's error (400), never the server's.
 */
import { HttpError } from './http-error.ts';

export function parseRequestTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'invalid_request_target', 'the request target is not a valid URL; send a path such as /api/hotels/1');
  }
}
