/**
 * Which images the first `up` must pull before anything starts: each image of the
 * model once, unless it is already on this machine, or its service is built from
 * this repository (`build`, `pull_policy: build`) or never pulled (`pull_policy:
 * never`, the services image the other Node services share). An image a variable
 * names (KAFKA_IMAGE=booking-local/kafka:4.1.1) that is present is never pulled; one
 * that is absent is tried, as it may live in a team registry, and a failure names
 * the variable.
 */
import { normalizeImage } from '../up/local-images.ts';

export interface ServiceImage {
  image?: string;
  build?: unknown;
  pull_policy?: string;
}

export interface PullTarget {
  /** The first service that runs the image: `compose pull <service>` pulls it. */
  service: string;
  image: string;
  variable?: string;
}

export function planPulls(services: Record<string, ServiceImage>, present: Set<string>, values: Record<string, string | undefined> = {}): PullTarget[] {
  const targets = new Map<string, PullTarget>();
  // An image some service builds is built, whichever service runs it.
  const built = new Set(Object.values(services).flatMap(({ image, build }) => (image && build !== undefined ? [normalizeImage(image)] : [])));
  for (const [service, { image, build, pull_policy: policy }] of Object.entries(services).sort(([a], [b]) => a.localeCompare(b))) {
    if (!image || build !== undefined || policy === 'never' || policy === 'build') continue;
    const key = normalizeImage(image);
    if (present.has(key) || built.has(key) || targets.has(key)) continue;
    const variable = variableNaming(image, values);
    targets.set(key, { service, image, ...(variable ? { variable } : {}) });
  }
  return [...targets.values()];
}

function variableNaming(image: string, values: Record<string, string | undefined>): string | undefined {
  return Object.keys(values)
    .filter((key) => key.endsWith('_IMAGE') && values[key])
    .find((key) => normalizeImage(values[key]!) === normalizeImage(image));
}
