import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../../../services/images/image-codec.ts';
import { checkUpload, DEFAULT_UPLOAD_LIMITS } from '../../../../services/images/upload-check.ts';
import { paintSamplePhoto, SAMPLE_PHOTO_SIZE, samplePhotoJpeg, seededRandom } from '../../../../services/lib/sample-photo.ts';

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, others for another, all in [0, 1)', () => {
    const draw = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(8)).not.toEqual(draw(7));
    const numbers = draw(7);
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers)).toBeLessThan(1);
    // Roughly uniform: each tenth of [0, 1) holds about a tenth of them.
    const tenths = Array.from({ length: 10 }, (_, t) => numbers.filter((n) => Math.floor(n * 10) === t).length);
    for (const count of tenths) expect(count).toBeGreaterThan(60);
  });
});

describe('paintSamplePhoto', () => {
  it('paints the same pixels for a seed every time, and another picture for another seed', () => {
    const one = paintSamplePhoto(1, 240, 160);
    expect(one.length).toBe(240 * 160 * 3);
    expect(paintSamplePhoto(1, 240, 160).equals(one)).toBe(true);
    const other = paintSamplePhoto(2, 240, 160);
    const differing = one.reduce((count, byte, at) => count + (Math.abs(byte - other[at]!) > 24 ? 1 : 0), 0);
    expect(differing / one.length).toBeGreaterThan(0.3);
  });

  it('is a picture, not a flat fill: sky above water, varied colours', () => {
    const [width, height] = [300, 200];
    const pixels = paintSamplePhoto(3, width, height);
    const at = (x: number, y: number) => Array.from(pixels.subarray((y * width + x) * 3, (y * width + x) * 3 + 3));
    const distinct = new Set(Array.from({ length: width * height }, (_, i) => at(i % width, Math.floor(i / width)).map((c) => c >> 5).join()));
    expect(distinct.size).toBeGreaterThan(20);
    // The top row is sky: bluer than red.
    const top = at(width / 2, 0);
    expect(top[2]!).toBeGreaterThan(top[0]!);
  });
});

describe('samplePhotoJpeg', () => {
  it('is a 1600 × 1067 JPEG of a photo-like size that the upload check takes', async () => {
    const jpeg = await samplePhotoJpeg(4);
    const checked = await checkUpload(jpeg, readImageHeader, DEFAULT_UPLOAD_LIMITS);
    expect(checked).toMatchObject({ format: 'jpeg', width: SAMPLE_PHOTO_SIZE.width, height: SAMPLE_PHOTO_SIZE.height });
    // A web-exported photo of this size: some hundreds of KB, not the few KB of a flat drawing.
    expect(jpeg.length).toBeGreaterThan(100_000);
    expect(jpeg.length).toBeLessThan(1_000_000);
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    expect((await samplePhotoJpeg(4)).equals(jpeg)).toBe(true);
  });
});
