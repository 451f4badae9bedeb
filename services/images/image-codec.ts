/**
 * sharp (libvips) is the one decoder and encoder: the header reader the upload check uses,
 * the original's clean-up, and the resizer. Every decode refuses more than the pixel limit
 * (`limitInputPixels`, a second line behind the header check) and a truncated file.
 * https://sharp.pixelplumbing.com/api-constructor
 */
import sharp from 'sharp';
import { IMAGE_SIZES, MAX_INPUT_PIXELS, type ImageFormat, type ImageSize, type UploadFormat } from './contract.ts';
import type { ImageHeader } from './upload-check.ts';

// One image at a time per worker thread of libvips is plenty for a laptop's stack; the
// default (one per core) lets a burst of resizes take every core from the other services.
sharp.concurrency(1);

const decodeOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' } as const;

/**
 * Dimensions and format from the header: libvips reads no pixel for this. Without the pixel
 * limit here, so that the upload check, not the decoder, refuses a huge image and names its size.
 */
export async function readImageHeader(bytes: Buffer): Promise<ImageHeader> {
  const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  return { width: metadata.width ?? 0, height: metadata.height ?? 0, format: metadata.format ?? 'unknown' };
}

/**
 * The original as stored: decoded in full (so a truncated file fails here), turned upright
 * by its EXIF orientation, and encoded again in its own format without any metadata (sharp
 * keeps none unless asked): no GPS position or camera serial leaves the upload.
 */
export async function cleanOriginal(bytes: Buffer, format: UploadFormat): Promise<Buffer> {
  const image = sharp(bytes, decodeOptions).rotate();
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 92 }).toBuffer();
    case 'png':
      return image.png().toBuffer();
    case 'webp':
      return image.webp({ quality: 92 }).toBuffer();
    case 'avif':
      return image.avif({ quality: 70 }).toBuffer();
  }
}

/** One named size in one format; never wider than the original. */
export async function renderVariant(original: Buffer, size: ImageSize, format: ImageFormat): Promise<Buffer> {
  const image = sharp(original, decodeOptions).resize({ width: IMAGE_SIZES[size], withoutEnlargement: true });
  switch (format) {
    case 'jpg':
      return image.jpeg({ quality: 80, mozjpeg: true }).toBuffer();
    case 'webp':
      return image.webp({ quality: 78 }).toBuffer();
    case 'avif':
      // effort 2 of 9: AVIF's encoder is slow, and the cache keeps the result for good.
      return image.avif({ quality: 55, effort: 2 }).toBuffer();
  }
}
