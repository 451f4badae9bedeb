import { describe, expect, it } from 'vitest';
import { IMAGE_FORMATS, IMAGE_SIZES, imageUrl, imageUrls } from '../../../../services/images/contract.ts';
import { parseImagePath } from '../../../../services/images/image-path.ts';

const hash = 'ab'.repeat(32);
const codeOf = (target: string): string => {
  try {
    parseImagePath(target);
    return 'accepted';
  } catch (error) {
    return `${(error as { status: number }).status} ${(error as { code: string }).code}`;
  }
};

describe('parseImagePath', () => {
  it('reads every URL the contract makes, and only those sizes and formats', () => {
    expect(Object.keys(IMAGE_SIZES).length * IMAGE_FORMATS.length).toBe(9);
    for (const [size, formats] of Object.entries(imageUrls(hash))) {
      for (const [format, url] of Object.entries(formats)) expect(parseImagePath(url)).toEqual({ hash, size, format });
    }
    expect(imageUrl(hash, 'card', 'webp')).toBe(`/img/${hash}/card.webp`);
  });

  it('refuses an unknown size or format, naming the ones there are', () => {
    expect(codeOf(`/img/${hash}/huge.webp`)).toBe('400 unknown_image_size');
    expect(codeOf(`/img/${hash}/999.webp`)).toBe('400 unknown_image_size');
    expect(codeOf(`/img/${hash}/card.gif`)).toBe('400 unknown_image_format');
    expect(codeOf(`/img/${hash}/card.JPG`)).toBe('400 unknown_image_format');
  });

  it('refuses "..", ".", any percent-encoding (an encoded slash too), a backslash and a query string', () => {
    expect(codeOf(`/img/../${hash}/card.webp`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/${hash}/../card.webp`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/./${hash}/card.webp`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/${hash}%2Fcard.webp`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/${hash}%2fcard.webp`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/%2e%2e/${hash}/card.webp`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/${hash}\\card.webp`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/${hash}/card.webp?w=4000`)).toBe('400 query_not_allowed');
  });

  it('refuses a hash that is not 64 lower-case hex digits, and any other shape', () => {
    expect(codeOf(`/img/${hash.toUpperCase()}/card.webp`)).toBe('400 invalid_image_hash');
    expect(codeOf('/img/abc/card.webp')).toBe('400 invalid_image_hash');
    expect(codeOf(`/img/${hash}/card`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/${hash}/card.webp.jpg`)).toBe('400 invalid_image_path');
    expect(codeOf(`/img/${hash}/x/card.webp`)).toBe('400 invalid_image_path');
  });
});
