/**
 * Sample photos, painted here from a number (issue 22: "sample hotels get sample photos
 * generated locally at setup, no downloads"): a hotel by the water under a sky, hills
 * behind it, a sun, lit and dark windows, and a little grain. The same seed paints the
 * same pixels on every machine, so the sample hotels' photos (seeded by the hotel's id)
 * and the image bench's photos (seeded by the run) are reproducible.
 *
 * The grain matters: a photo's JPEG is mostly texture, so a flat drawing would be a
 * fraction of a real photo's bytes and decode faster than one; at 1600 × 1067 this
 * comes out at a few hundred KB, like a camera's photo after a web export.
 */
import sharp from 'sharp';

/** A 3:2 landscape photo as large as the largest named size (contract's `large`, 1600 px). */
export const SAMPLE_PHOTO_SIZE = { width: 1600, height: 1067 } as const;

type Rgb = [number, number, number];

/** mulberry32: a small seeded generator, uniform on [0, 1). Not for secrets; for repeatable pictures. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60;
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const m = lightness - chroma / 2;
  const [r, g, b] = h < 1 ? [chroma, x, 0] : h < 2 ? [x, chroma, 0] : h < 3 ? [0, chroma, x] : h < 4 ? [0, x, chroma] : h < 5 ? [x, 0, chroma] : [chroma, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** The scene's choices, all drawn from the seed first, so painting is plain arithmetic. */
function sceneOf(seed: number, width: number, height: number) {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + random() * (high - low);
  // Plausible colours, varied: a blue sky warming (or paling) to the horizon, green or blue-grey hills, blue water.
  const hue = between(0, 360);
  const warmEvening = random() < 0.5;
  const horizon = Math.round(height * between(0.58, 0.7));
  const hills = [0, 1].map((layer) => ({
    base: horizon - height * between(0.06, 0.14) * (layer === 0 ? 1.8 : 1),
    waves: [0, 1, 2].map((k) => ({ amplitude: height * between(0.01, 0.05) / (k + 1), frequency: between(1, 4) * (k + 1) * ((2 * Math.PI) / width), phase: between(0, 2 * Math.PI) })),
    colour: mix(hsl(between(90, 160) + (random() < 0.3 ? 100 : 0), 0.3, 0.3 - layer * 0.1), hsl(210, 0.3, 0.75), layer === 0 ? 0.45 : 0.1),
  }));
  const buildingWidth = Math.round(width * between(0.22, 0.4));
  const buildingLeft = Math.round(between(0.05, 0.95) * (width - buildingWidth));
  const floors = 3 + Math.floor(random() * 5);
  const floorHeight = Math.round(height * between(0.035, 0.05));
  const columns = 6 + Math.floor(random() * 8);
  return {
    random,
    skyTop: hsl(between(200, 230), between(0.45, 0.7), between(0.35, 0.55)),
    skyLow: warmEvening ? hsl(between(20, 45), between(0.6, 0.85), between(0.72, 0.82)) : hsl(between(195, 215), between(0.4, 0.6), between(0.8, 0.9)),
    sun: { x: width * between(0.1, 0.9), y: horizon * between(0.2, 0.6), radius: width * between(0.03, 0.06), colour: hsl(warmEvening ? 35 : 55, 0.95, 0.9) as Rgb },
    horizon,
    hills,
    building: {
      left: buildingLeft,
      right: buildingLeft + buildingWidth,
      top: horizon - floors * floorHeight - Math.round(height * 0.02),
      floorHeight,
      columnWidth: buildingWidth / columns,
      facade: hsl(hue, 0.25, between(0.7, 0.85)),
      roof: hsl(hue + 180, 0.35, 0.3),
      lit: hsl(45, 0.9, 0.7),
      dark: hsl(215, 0.3, 0.25),
    },
    water: hsl(between(190, 215), 0.45, 0.3),
  };
}

/**
 * The scene for `seed` as raw RGB bytes (width × height × 3, row by row): pure, so the
 * tests check its determinism and content without an encoder.
 */
export function paintSamplePhoto(seed: number, width: number = SAMPLE_PHOTO_SIZE.width, height: number = SAMPLE_PHOTO_SIZE.height): Buffer {
  const scene = sceneOf(seed, width, height);
  const { building, sun, horizon } = scene;
  // Each column's hill tops, nearer layer last.
  const ridges = scene.hills.map((hill) => Float64Array.from({ length: width }, (_, x) => hill.base - hill.waves.reduce((sum, w) => sum + w.amplitude * Math.sin(w.frequency * x + w.phase), 0)));
  // Which windows are lit: one draw per window, made before painting.
  const floors = Math.round((horizon - building.top) / building.floorHeight);
  const columns = Math.round((building.right - building.left) / building.columnWidth);
  const lit = Array.from({ length: floors * columns }, () => scene.random() < 0.35);
  const pixels = Buffer.alloc(width * height * 3);
  let grain = (seed * 2654435761) >>> 0;
  for (let y = 0; y < height; y += 1) {
    const skyColour = mix(scene.skyTop, scene.skyLow, Math.min(1, y / horizon));
    const depth = (y - horizon) / (height - horizon);
    for (let x = 0; x < width; x += 1) {
      let colour: Rgb;
      if (y < horizon) {
        colour = skyColour;
        const dx = x - sun.x;
        const dy = y - sun.y;
        if (Math.abs(dx) < sun.radius * 4 && Math.abs(dy) < sun.radius * 4) {
          const distance = Math.sqrt(dx * dx + dy * dy);
          if (distance < sun.radius) colour = sun.colour;
          else if (distance < sun.radius * 4) colour = mix(colour, sun.colour, 0.35 * (1 - (distance - sun.radius) / (sun.radius * 3)) ** 2);
        }
        for (let layer = 0; layer < ridges.length; layer += 1) if (y >= ridges[layer]![x]!) colour = scene.hills[layer]!.colour;
        if (x >= building.left && x < building.right && y >= building.top) colour = facadeAt(x, y);
      } else {
        // The water: the sky's low colour darkening towards the shore, with ripples across it.
        const ripple = 0.5 + 0.5 * Math.sin(y * 0.9 * (1 + depth * 3) + Math.sin(x * 0.013 + y * 0.05) * 2);
        colour = mix(mix(scene.skyLow, scene.water, 0.4 + 0.5 * depth), [255, 255, 255], ripple * 0.12 * (1 - depth));
      }
      // Grain: a cheap xorshift per pixel, ±8 levels on each channel.
      grain ^= grain << 13;
      grain ^= grain >>> 17;
      grain ^= grain << 5;
      const noise = ((grain >>> 0) % 17) - 8;
      const at = (y * width + x) * 3;
      pixels[at] = clamp(colour[0] + noise);
      pixels[at + 1] = clamp(colour[1] + noise);
      pixels[at + 2] = clamp(colour[2] + noise);
    }
  }
  return pixels;

  function facadeAt(x: number, y: number): Rgb {
    const roofHeight = Math.round(building.floorHeight * 0.6);
    if (y < building.top + roofHeight) return building.roof;
    const floor = Math.floor((y - building.top - roofHeight) / building.floorHeight);
    const column = Math.floor((x - building.left) / building.columnWidth);
    const inFloor = (y - building.top - roofHeight) % building.floorHeight;
    const inColumn = (x - building.left) % building.columnWidth;
    const isWindow = inFloor > building.floorHeight * 0.25 && inFloor < building.floorHeight * 0.8 && inColumn > building.columnWidth * 0.25 && inColumn < building.columnWidth * 0.75;
    if (!isWindow || floor >= floors) return building.facade;
    return lit[floor * columns + column] ? building.lit : building.dark;
  }
}

const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

/** The scene for `seed` as a JPEG, the way a camera's photo arrives: what an upload would send. */
export function samplePhotoJpeg(seed: number, size: { width: number; height: number } = SAMPLE_PHOTO_SIZE): Promise<Buffer> {
  return sharp(paintSamplePhoto(seed, size.width, size.height), { raw: { width: size.width, height: size.height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}
