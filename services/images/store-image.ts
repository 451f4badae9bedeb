/**
 * An image's way into the catalog, one path for an upload and for a sample photo: the
 * hotel must exist (else 404, and nothing is read further or stored), the bytes pass the
 * upload check, the original is cleaned (metadata dropped) and stored under the SHA-256 of
 * what is stored, then the hotel row records the hash (and CDC carries the row to search).
 * Refusals are HttpErrors, which the route answers as they are.
 */
import { createHash } from 'node:crypto';
import { HttpError } from '../kit/http-error.ts';
import { imageUrls, MAX_IMAGES_PER_HOTEL, type ImageFormat, type ImageSize, type UploadedImage, type UploadFormat } from './contract.ts';
import type { HotelImagesStore } from './hotel-images-store.ts';
import type { ObjectStore } from './object-store.ts';
import { checkUpload, type HeaderReader, type UploadLimits } from './upload-check.ts';

export interface ImageCodec {
  readHeader: HeaderReader;
  cleanOriginal(bytes: Buffer, format: UploadFormat): Promise<Buffer>;
  renderVariant(original: Buffer, size: ImageSize, format: ImageFormat): Promise<Buffer>;
}

/** `added`: new on the hotel; `already_there`: the hotel had this very image (stored again, harmlessly). */
export interface StoredImage {
  outcome: 'added' | 'already_there';
  image: UploadedImage;
}

export type StoreImage = (hotelId: number, bytes: Buffer) => Promise<StoredImage>;

const ORIGINAL_CONTENT_TYPES: Record<UploadFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };

export function imageStorer(deps: { objects: ObjectStore; hotels: HotelImagesStore; codec: ImageCodec; limits: UploadLimits }): StoreImage {
  const { objects, hotels, codec, limits } = deps;
  return async (hotelId, bytes) => {
    if (!(await hotels.hotelExists(hotelId))) throw hotelNotFound(hotelId);
    const upload = await checkUpload(bytes, codec.readHeader, limits);
    let original: Buffer;
    try {
      original = await codec.cleanOriginal(bytes, upload.format);
    } catch {
      throw new HttpError(422, 'unreadable_image', `the ${upload.format} image cannot be decoded: it is damaged or truncated`);
    }
    const hash = createHash('sha256').update(original).digest('hex');
    await objects.put(hash, original, ORIGINAL_CONTENT_TYPES[upload.format]);
    const outcome = await hotels.addImage(hotelId, hash);
    // The stored original stays: it is named by its content, and another hotel may hold it too.
    if (outcome === 'no_hotel') throw hotelNotFound(hotelId);
    if (outcome === 'full') throw new HttpError(409, 'too_many_images', `hotel ${hotelId} has ${MAX_IMAGES_PER_HOTEL} images, the most it may have`);
    return { outcome, image: { hotelId, hash, width: upload.width, height: upload.height, urls: imageUrls(hash) } };
  };
}

function hotelNotFound(hotelId: number): HttpError {
  return new HttpError(404, 'hotel_not_found', `no hotel has id ${hotelId}: upload images to an existing hotel`);
}
