import { describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../../../services/kit/http-error.ts';
import { checkUpload, type ImageHeader } from '../../../../services/images/upload-check.ts';

const jpegBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
const header = (width: number, height: number, format = 'jpeg') => vi.fn(async (): Promise<ImageHeader> => ({ width, height, format }));
const limits = { maxBytes: 1000, maxPixels: 10_000 };

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('checkUpload', () => {
  it('passes an image within the limits, with its sniffed format and dimensions', async () => {
    await expect(checkUpload(jpegBytes, header(100, 100), limits)).resolves.toEqual({ format: 'jpeg', width: 100, height: 100 });
  });

  it('refuses an empty body and one over the byte limit before reading any header', async () => {
    const reader = header(1, 1);
    expect(await refusal(checkUpload(Buffer.alloc(0), reader, limits))).toMatchObject({ status: 400, code: 'empty_upload' });
    expect(await refusal(checkUpload(Buffer.concat([jpegBytes, Buffer.alloc(1000)]), reader, limits))).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(reader).not.toHaveBeenCalled();
  });

  it('refuses bytes that are no accepted image by their content, before reading any header', async () => {
    const reader = header(1, 1);
    const error = await refusal(checkUpload(Buffer.from('hello, I am a .jpg'), reader, limits));
    expect(error).toMatchObject({ status: 415, code: 'unsupported_image_type' });
    expect(error.message).toContain('not trusted');
    expect(reader).not.toHaveBeenCalled();
  });

  it('refuses more pixels than the limit from the header, naming the dimensions', async () => {
    const error = await refusal(checkUpload(jpegBytes, header(20_000, 20_000), limits));
    expect(error).toMatchObject({ status: 422, code: 'too_many_pixels' });
    expect(error.message).toContain('20000 × 20000');
  });

  it('refuses a header that cannot be read or that decodes as another format', async () => {
    const broken = vi.fn(async (): Promise<ImageHeader> => {
      throw new Error('VipsJpeg: premature end');
    });
    expect(await refusal(checkUpload(jpegBytes, broken, limits))).toMatchObject({ status: 422, code: 'unreadable_image' });
    expect(await refusal(checkUpload(jpegBytes, header(10, 10, 'gif'), limits))).toMatchObject({ status: 422, code: 'unreadable_image' });
    expect(await refusal(checkUpload(jpegBytes, header(0, 0), limits))).toMatchObject({ status: 422, code: 'unreadable_image' });
  });
});
