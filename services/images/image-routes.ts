/**
 * The image service's two routes, on the kit's HTTP service; every side effect (the object
 * store, the hotels table, the codec) comes in as a parameter, so tests run them with fakes.
 *
 * POST /api/hotels/:id/images — the file's bytes as the body, stored by store-image.ts
 *   (checked, cleaned, under its content hash, recorded on the hotel row). 201 with every
 *   URL of the image (200 when the hotel had it already).
 * GET /img/<hash>/<size>.<format> — one fixed size in one fixed format, resized on request;
 *   concurrent requests for one URL share one resize (single-flight); immutable caching.
 */
import type { FastifyInstance } from 'fastify';
import { BYTE_BODY_ROUTE } from '../kit/byte-body.ts';
import type { CorsPolicy } from '../kit/cors.ts';
import { internalError } from '../kit/error-answer.ts';
import { createService } from '../kit/http-service.ts';
import { HttpError } from '../kit/http-error.ts';
import type { Logger } from '../kit/logger.ts';
import { IMAGE_CACHE_CONTROL, IMAGE_CONTENT_TYPES } from './contract.ts';
import type { HotelImagesStore } from './hotel-images-store.ts';
import { parseImagePath } from './image-path.ts';
import { ObjectStoreError, type ObjectStore } from './object-store.ts';
import { singleFlight } from './single-flight.ts';
import { imageStorer, type ImageCodec } from './store-image.ts';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './upload-check.ts';

export interface ImageAppOptions {
  serviceName: string;
  log: Logger;
  objects: ObjectStore;
  hotels: HotelImagesStore;
  codec: ImageCodec;
  cors?: CorsPolicy;
  isDraining?: () => boolean;
  limits?: UploadLimits;
}

export function buildImageApp(options: ImageAppOptions): FastifyInstance {
  const { objects, hotels, codec } = options;
  const limits = options.limits ?? DEFAULT_UPLOAD_LIMITS;
  const app = createService({
    name: options.serviceName,
    log: options.log,
    cors: options.cors,
    isDraining: options.isDraining,
    // The store down or refusing is the service's trouble, not the client's: 503, the detail in the log.
    serviceError: (error) =>
      error instanceof ObjectStoreError ? new HttpError(503, 'object_store_unavailable', 'the image store did not answer; retry shortly') : internalError(error),
  });
  const render = singleFlight<Buffer>();
  const storeImage = imageStorer({ objects, hotels, codec, limits });

  app.post<{ Params: { id: string } }>(
    '/api/hotels/:id/images',
    // One byte over the limit reaches the check, which names the size; Fastify stops larger bodies.
    { config: BYTE_BODY_ROUTE, bodyLimit: limits.maxBytes + 1 },
    async (request, reply) => {
      const hotelId = hotelIdOf(request.params.id);
      // No body at all (Content-Length: 0) may reach the handler without a parsed Buffer.
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { outcome, image } = await storeImage(hotelId, bytes);
      return reply.code(outcome === 'added' ? 201 : 200).send(image);
    },
  );

  app.get('/img/*', async (request, reply) => {
    const target = request.raw.url ?? '';
    const wanted = parseImagePath(target);
    const bytes = await render(`${wanted.hash}/${wanted.size}.${wanted.format}`, async () => {
      const original = await objects.get(wanted.hash);
      if (!original) throw new HttpError(404, 'image_not_found', `no image has the hash ${wanted.hash}`);
      return codec.renderVariant(original, wanted.size, wanted.format);
    });
    // The same bytes for every origin, shown by <img> (which needs no CORS): no `Vary: Origin`
    // and no CORS headers from the kit, because HAProxy's cache stores no response that varies,
    // and one origin's Access-Control-Allow-Origin must not be served to the next.
    for (const name of ['vary', 'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers']) reply.removeHeader(name);
    return reply.header('Content-Type', IMAGE_CONTENT_TYPES[wanted.format]).header('Cache-Control', IMAGE_CACHE_CONTROL).send(bytes);
  });

  return app;
}

function hotelIdOf(raw: string): number {
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new HttpError(400, 'invalid_hotel_id', `hotel id "${raw.slice(0, 40)}" is not a positive whole number`);
  return id;
}

