/**
 * What the orchestrator (scripts/) may use of services/lib beside contract.ts: modules that
 * need Node or a native package (sharp), which the page must never bundle, so they are not in
 * contract.ts, which web/ imports. The sample hotels as db-setup loads them, and the sample
 * photo painter the image service seeds with (bench:images paints its own photos with it).
 */
export { sampleHotelsOfSql, type SampleHotel } from './sample-hotels.ts';
export { SAMPLE_PHOTO_SIZE, samplePhotoJpeg, seededRandom } from './sample-photo.ts';
