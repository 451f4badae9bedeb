/**
 * What an upload must be before the service decodes a pixel of it: not empty, within the
 * byte limit, a JPEG, PNG, WebP or AVIF by its first bytes (sniff.ts), a header the decoder
 * reads as that same format, and within the pixel limit by that header's dimensions (a
 * decompression bomb, a small file of huge dimensions, is refused here, not decoded).
 * The header reader comes in as a parameter (sharp in image-codec.ts, a fake in tests).
 */
import { HttpError } from '../kit/http-error.ts';
import { MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES, UPLOAD_FORMATS, type UploadFormat } from './contract.ts';
import { sniffImageFormat } from './sniff.ts';

/** Dimensions and the decoder's name for the format, read from the header alone. */
export interface ImageHeader {
  width: number;
  height: number;
  /** The decoder's name: sharp says `heif` for AVIF. */
  format: string;
}

export type HeaderReader = (bytes: Buffer) => Promise<ImageHeader>;

export interface UploadLimits {
  maxBytes: number;
  maxPixels: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: MAX_UPLOAD_BYTES, maxPixels: MAX_INPUT_PIXELS };

export interface CheckedUpload {
  format: UploadFormat;
  width: number;
  height: number;
}

/** The decoder's format names that agree with each sniffed format. */
const DECODER_NAMES: Record<UploadFormat, string[]> = { jpeg: ['jpeg'], png: ['png'], webp: ['webp'], avif: ['heif', 'avif'] };

export async function checkUpload(bytes: Buffer, readHeader: HeaderReader, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<CheckedUpload> {
  if (bytes.length === 0) throw new HttpError(400, 'empty_upload', 'the body is empty: send the image file itself as the body');
  if (bytes.length > limits.maxBytes) {
    throw new HttpError(413, 'payload_too_large', `the image is ${bytes.length} bytes, more than the limit of ${limits.maxBytes}: send a smaller file`);
  }
  const format = sniffImageFormat(bytes);
  if (!format) {
    throw new HttpError(415, 'unsupported_image_type', `the file is not a ${UPLOAD_FORMATS.join(', ')} image by its content (its name and Content-Type are not trusted): send one of those`);
  }
  let header: ImageHeader;
  try {
    header = await readHeader(bytes);
  } catch {
    throw new HttpError(422, 'unreadable_image', `the file starts like a ${format} image but its header cannot be read: it is damaged or truncated`);
  }
  if (!DECODER_NAMES[format].includes(header.format)) {
    throw new HttpError(422, 'unreadable_image', `the file starts like a ${format} image but decodes as ${header.format}: send an ordinary ${format} file`);
  }
  const pixels = header.width * header.height;
  if (!(pixels > 0)) throw new HttpError(422, 'unreadable_image', `the ${format} image's header gives no dimensions`);
  if (pixels > limits.maxPixels) {
    throw new HttpError(
      422,
      'too_many_pixels',
      `the image is ${header.width} × ${header.height} = ${pixels} pixels, more than the limit of ${limits.maxPixels}: scale it down before uploading`,
    );
  }
  return { format, width: header.width, height: header.height };
}
