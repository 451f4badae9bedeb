/**
 * The hotel images' names (issue 22): the object store's bucket and its account. The
 * bucket is created by the one-shot `object-store-init` (services/images/create-bucket.ts)
 * and used by the image service; both get its name from here, through Compose.
 */

/** The access key's variable; an older .env lacks it (LATER_DEFAULTS in stack-config.ts). */
export const OBJECT_STORE_USER_VARIABLE = 'OBJECT_STORE_USER';
export const OBJECT_STORE_DEFAULT_USER = 'images';

/**
 * Generated into .env like the database passwords, also into a .env written before it
 * existed (ensure-env-file.ts): the store holds no copy of it, it reads the secret from its
 * environment at every start, so a newly generated one is always the one it takes.
 */
export const OBJECT_STORE_PASSWORD_VARIABLE = 'OBJECT_STORE_PASSWORD';

export interface ImagesConfig {
  /** The one bucket of originals (content-addressed keys). */
  bucket: string;
  objectStoreUser: string;
  objectStorePassword: string;
}

const BUCKET = 'hotel-images';

export function imagesConfigOf(values: Record<string, string | undefined>): ImagesConfig {
  return {
    bucket: BUCKET,
    objectStoreUser: values[OBJECT_STORE_USER_VARIABLE]?.trim() || OBJECT_STORE_DEFAULT_USER,
    objectStorePassword: values[OBJECT_STORE_PASSWORD_VARIABLE] ?? '',
  };
}

/** What compose.yaml reads (`${IMAGES_BUCKET:?…}`, `${OBJECT_STORE_USER:?…}`). */
export function imagesVariables(config: ImagesConfig): Record<string, string> {
  return { IMAGES_BUCKET: config.bucket, [OBJECT_STORE_USER_VARIABLE]: config.objectStoreUser };
}
