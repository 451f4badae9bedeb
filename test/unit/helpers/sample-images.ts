/**
 * Images for the image service's tests, made here (no downloads): an ordinary photo with a
 * GPS position in its EXIF, and the hostile uploads of issue 22 — a text file, a truncated
 * JPEG, and a decompression bomb (a PNG whose header says 20000 × 20000 in a few KB).
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A JPEG photo (a colour gradient, so it compresses like a photo, not like a flat fill) with GPS EXIF. */
export async function photoWithGps(width = 1200, height = 800): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      pixels[at] = (x * 255) / width;
      pixels[at + 1] = (y * 255) / height;
      pixels[at + 2] = ((x + y) * 7) % 256;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Make: 'TestCam', Copyright: 'sample' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 9/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '8/1 37/1 0/1' } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export const textNamedJpg = (): Buffer => Buffer.from('Not a picture: a text file someone named holiday.jpg\n'.repeat(20));

/** The first part of a JPEG: the header reads, the pixels stop short. */
export const truncated = (image: Buffer, keep = 0.5): Buffer => image.subarray(0, Math.floor(image.length * keep));

/**
 * A PNG whose header says width × height (20000 × 20000 by default: 400 million pixels,
 * 1.6 GB decoded) around a small compressed stream of zero rows: a few KB on the wire.
 */
export function pngBomb(width = 20_000, height = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(2 * 1024 * 1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
