/**
 * Reads an image URL, `/img/<hash>/<size>.<format>`, from the request target exactly as
 * the client sent it. Anything else is refused before any work: a `..` or any
 * percent-encoding (an encoded slash or dot would name another path once decoded), a
 * query string (each would be a new cache entry for the same bytes), an unknown size or
 * format (only the fixed lists are ever rendered).
 */
import { HttpError } from '../kit/http-error.ts';
import { IMAGE_FORMATS, IMAGE_HASH_PATTERN, IMAGE_SIZES, type ImageFormat, type ImageSize } from './contract.ts';

export interface ImageRequest {
  hash: string;
  size: ImageSize;
  format: ImageFormat;
}

const SIZE_NAMES = Object.keys(IMAGE_SIZES);

export function parseImagePath(target: string): ImageRequest {
  if (target.includes('?')) throw new HttpError(400, 'query_not_allowed', 'image URLs take no query string: ask for /img/<hash>/<size>.<format>');
  if (target.includes('%') || target.includes('\\') || target.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new HttpError(400, 'invalid_image_path', 'the image path may not hold "..", "." or percent-encoded characters (an encoded slash included): ask for /img/<hash>/<size>.<format>');
  }
  const match = /^\/img\/([^/]+)\/([^/.]+)\.([^/.]+)$/.exec(target);
  if (!match) throw new HttpError(400, 'invalid_image_path', 'image URLs are /img/<hash>/<size>.<format>');
  const [, hash, size, format] = match as unknown as [string, string, string, string];
  if (!IMAGE_HASH_PATTERN.test(hash)) throw new HttpError(400, 'invalid_image_hash', 'the image hash is 64 lower-case hexadecimal digits (SHA-256), as the upload answered');
  if (!SIZE_NAMES.includes(size)) throw new HttpError(400, 'unknown_image_size', `unknown size "${size.slice(0, 40)}": use one of ${SIZE_NAMES.join(', ')}`);
  if (!(IMAGE_FORMATS as readonly string[]).includes(format)) throw new HttpError(400, 'unknown_image_format', `unknown format "${format.slice(0, 40)}": use one of ${IMAGE_FORMATS.join(', ')}`);
  return { hash, size: size as ImageSize, format: format as ImageFormat };
}
