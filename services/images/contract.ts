/**
 * The image service's published contract (issue 22): the fixed sizes and formats an image
 * URL may name, the URL's shape and the upload limits. Scripts, the page and tests import
 * this module alone. Fixed lists, because a resize of any size on request is work anyone
 * could ask for without end; and the format is in the URL, not negotiated on `Accept`,
 * because HAProxy's cache does not store a response that varies (FIELD-NOTES).
 */

/** Width in pixels of each named size; an image narrower than a size is never enlarged. */
export const IMAGE_SIZES = { thumb: 320, card: 640, large: 1600 } as const;
export type ImageSize = keyof typeof IMAGE_SIZES;

/** The formats an image URL may ask for, as the URL's extension. */
export const IMAGE_FORMATS = ['avif', 'webp', 'jpg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const IMAGE_CONTENT_TYPES: Record<ImageFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };

/** The formats an upload may be in, told from its first bytes (sniff.ts). */
export const UPLOAD_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

/** An upload's largest body: HAProxy refuses a larger announced one first (haproxy/haproxy.cfg). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/**
 * An upload's most pixels, read from its header before anything is decoded: a 48-megapixel
 * phone photo (8000 × 6000) fits; a 20000 × 20000 PNG of a few kilobytes (400 million
 * pixels, 1.6 GB once decoded) is refused without being decoded.
 */
export const MAX_INPUT_PIXELS = 50_000_000;
/** A hotel keeps at most this many images; past it an upload is 409. */
export const MAX_IMAGES_PER_HOTEL = 20;

/** Content hashes: SHA-256 of the stored original, in lower-case hex. */
export const IMAGE_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Immutable: a URL names one content hash, size and format, so its bytes never change. */
export const IMAGE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function imageUrl(hash: string, size: ImageSize, format: ImageFormat): string {
  return `/img/${hash}/${size}.${format}`;
}

/** What an upload answers (201): the hash and every URL of the image. */
export interface UploadedImage {
  hotelId: number;
  hash: string;
  width: number;
  height: number;
  urls: Record<ImageSize, Record<ImageFormat, string>>;
}

export function imageUrls(hash: string): UploadedImage['urls'] {
  const sizes = Object.keys(IMAGE_SIZES) as ImageSize[];
  return Object.fromEntries(sizes.map((size) => [size, Object.fromEntries(IMAGE_FORMATS.map((format) => [format, imageUrl(hash, size, format)]))])) as UploadedImage['urls'];
}
