import { IMAGE_SIZES, imageUrl, type ImageFormat, type ImageSize } from '../../../services/images/contract.ts';

/** `/img/<hash>/thumb.avif 320w, /img/<hash>/card.avif 640w, ...`: every fixed size of one format. */
function srcSetOf(hash: string, format: ImageFormat): string {
  return (Object.entries(IMAGE_SIZES) as Array<[ImageSize, number]>).map(([size, width]) => `${imageUrl(hash, size, format)} ${width}w`).join(', ');
}

/**
 * A hotel's photo from the image CDN (issue 22): AVIF, then WebP, then JPEG, each in every
 * fixed size, so the browser picks the smallest format it reads and the size the card needs.
 * Lazy: a card below the fold loads its photo only when scrolled near. Decorative for the
 * reader of the card (the heading names the hotel), so the alternative text is empty.
 */
export function HotelPhoto({ hash, sizes, className }: { hash: string; sizes: string; className?: string }) {
  return (
    <picture>
      <source type="image/avif" srcSet={srcSetOf(hash, 'avif')} sizes={sizes} />
      <source type="image/webp" srcSet={srcSetOf(hash, 'webp')} sizes={sizes} />
      <img
        src={imageUrl(hash, 'card', 'jpg')}
        srcSet={srcSetOf(hash, 'jpg')}
        sizes={sizes}
        alt=""
        loading="lazy"
        decoding="async"
        width={IMAGE_SIZES.card}
        height={Math.round((IMAGE_SIZES.card * 2) / 3)}
        className={className}
        data-testid="hotel-photo"
      />
    </picture>
  );
}
