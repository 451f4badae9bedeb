import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sniffImageFormat } from '../../../../services/images/sniff.ts';
import { pngBomb, textNamedJpg } from '../../helpers/sample-images.ts';

const tiny = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#c33' } });

describe('sniffImageFormat', () => {
  it('tells each accepted format by its first bytes, as sharp writes them', async () => {
    expect(sniffImageFormat(await tiny().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await tiny().png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await tiny().webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await tiny().avif().toBuffer())).toBe('avif');
  });

  it('refuses text, whatever it is called, and formats the service does not take', async () => {
    expect(sniffImageFormat(textNamedJpg())).toBeUndefined();
    expect(sniffImageFormat(await tiny().gif().toBuffer())).toBeUndefined();
    expect(sniffImageFormat(await tiny().tiff().toBuffer())).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.alloc(0))).toBeUndefined();
  });

  it('takes AVIF by its ftyp brand, major or compatible, and refuses HEIC and other ISO-BMFF files', () => {
    const ftyp = (major: string, ...compatible: string[]) => {
      const size = 16 + 4 * compatible.length;
      const box = Buffer.alloc(size);
      box.writeUInt32BE(size, 0);
      box.write(`ftyp${major}\0\0\0\0${compatible.join('')}`, 4, 'ascii');
      return box;
    };
    expect(sniffImageFormat(ftyp('avif', 'mif1'))).toBe('avif');
    expect(sniffImageFormat(ftyp('mif1', 'miaf', 'avif'))).toBe('avif');
    expect(sniffImageFormat(ftyp('heic', 'mif1', 'heic'))).toBeUndefined();
    expect(sniffImageFormat(ftyp('isom', 'mp41'))).toBeUndefined();
  });

  it('names the bomb a PNG: its size is for the pixel check, not the sniffer', () => {
    expect(sniffImageFormat(pngBomb())).toBe('png');
  });
});
