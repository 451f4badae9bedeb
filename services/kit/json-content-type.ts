/**
 * Writes must declare a JSON body. A browser sends a cross-site form post
 * (`text/plain`, `application/x-www-form-urlencoded`, `multipart/form-data`)
 * without asking the server first (no CORS preflight), so accepting those types
 * would let any web page write through a developer's browser. A JSON
 * Content-Type always needs the preflight, which the CORS policy answers.
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 */

/** `application/json`, optionally with `charset=utf-8` (RFC 8259 §8.1: JSON text is UTF-8). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [mediaType = '', ...parameters] = header.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    if (parameter.trim() === '') return true;
    const equals = parameter.indexOf('=');
    const name = parameter.slice(0, equals).trim().toLowerCase();
    const value = parameter.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    return equals !== -1 && name === 'charset' && value === 'utf-8';
  });
}
