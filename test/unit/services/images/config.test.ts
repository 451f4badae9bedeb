import { describe, expect, it } from 'vitest';
import { loadImagesConfig } from '../../../../services/images/config.ts';

const env = {
  MYSQL_HOST: 'db',
  MYSQL_PORT: '3306',
  MYSQL_DATABASE: 'booking',
  MYSQL_USER: 'app',
  MYSQL_PASSWORD: 'secret',
  OBJECT_STORE_USER: 'images',
  OBJECT_STORE_PASSWORD: 'secret',
  IMAGES_BUCKET: 'hotel-images',
  CORS_ORIGINS: 'http://127.0.0.1:8080',
};

describe('loadImagesConfig', () => {
  it('seeds sample photos from the image\'s own sample hotels unless SEED_SAMPLE_DATA=false, as db-setup', () => {
    expect(loadImagesConfig(env)).toMatchObject({ seedSamplePhotos: true, sampleHotelsFile: 'mysql/sample-data/hotels.sql' });
    expect(loadImagesConfig({ ...env, SEED_SAMPLE_DATA: 'false' }).seedSamplePhotos).toBe(false);
    expect(() => loadImagesConfig({ ...env, SEED_SAMPLE_DATA: 'yes' })).toThrow(/SEED_SAMPLE_DATA.*true or false/);
  });
});
