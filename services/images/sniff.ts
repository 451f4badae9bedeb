/**
 * Tells an upload's format from its first bytes (its "magic numbers"), never from its
 * name or Content-Type, which the client chooses: a text file named `.jpg` is text.
 * Only the formats the service takes are recognised; anything else is undefined.
 */
import type { UploadFormat } from './contract.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** ISO-BMFF brands of AVIF: still images and image sequences. */
const AVIF_BRANDS = new Set(['avif', 'avis']);

export function sniffImageFormat(bytes: Uint8Array): UploadFormat | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (isAvif(bytes)) return 'avif';
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/**
 * An AVIF file starts with an `ftyp` box (ISO/IEC 14496-12): size (4 bytes, big-endian),
 * `ftyp`, the major brand, a minor version, then compatible brands to the box's end.
 * AVIF is `avif`/`avis` as the major brand or among the compatible ones (a HEIC photo,
 * `heic`, is not AVIF and is refused).
 */
function isAvif(bytes: Uint8Array): boolean {
  if (ascii(bytes, 4, 4) !== 'ftyp' || bytes.length < 16) return false;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(boxSize, bytes.length);
  if (AVIF_BRANDS.has(ascii(bytes, 8, 4))) return true;
  for (let offset = 16; offset + 4 <= end; offset += 4) {
    if (AVIF_BRANDS.has(ascii(bytes, offset, 4))) return true;
  }
  return false;
}
