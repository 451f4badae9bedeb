/**
 * Routes that take raw bytes (an image upload) instead of JSON. The reason writes need
 * JSON (json-content-type.ts) holds for bytes too: a cross-site form can send only
 * `text/plain`, `application/x-www-form-urlencoded` or `multipart/form-data` without a
 * CORS preflight. So a byte route takes `application/octet-stream` or `image/<type>`,
 * both of which make a browser ask first; what the bytes are is for the route to find out
 * from the bytes themselves, never from this header.
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 */

/** Route config that marks a write as taking bytes: `{ config: BYTE_BODY_ROUTE }`. */
export const BYTE_BODY_ROUTE = { takesBytes: true } as const;

/** The Content-Types a byte route accepts (parameters stripped), for Fastify's parser registration. */
export const BYTE_CONTENT_TYPES = /^(?:application\/octet-stream|image\/[a-z0-9.+-]+)$/i;

export function takesBytes(routeConfig: unknown): boolean {
  return typeof routeConfig === 'object' && routeConfig !== null && (routeConfig as { takesBytes?: unknown }).takesBytes === true;
}

/** `application/octet-stream` or `image/<type>`, parameters allowed. */
export function isByteContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  return BYTE_CONTENT_TYPES.test(header.split(';')[0]!.trim());
}
