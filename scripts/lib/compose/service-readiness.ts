/**
 * Reads a `compose ps` snapshot the way `up` needs it: is every service ready, which
 * one failed, which one is still starting. One-shot services (db-setup, kafka-init) are done
 * when they exited 0 — `compose up --wait` itself exits 1 when a one-shot container
 * completes unless a dependent adopts it (docker/compose#10596), so `up` trusts this
 * reading over Compose's exit code. object-store-init creates the images' bucket.
 */
import type { ContainerState } from './parse-ps.ts';

export const ONE_SHOT_SERVICES = new Set(['db-setup', 'kafka-init', 'object-store-init']);

/** Start order, for tables; `compose config --services` lists services in no stable order. */
const DISPLAY_ORDER = ['haproxy', 'mysql', 'db-setup', 'kafka', 'kafka-init', 'connect', 'elasticsearch', 'catalog-api-1', 'catalog-api-2', 'search-indexer', 'inventory', 'payment', 'booking', 'object-store', 'object-store-init', 'images', 'web'];

export function orderServices(services: string[]): string[] {
  const rank = (service: string) => {
    const index = DISPLAY_ORDER.indexOf(service);
    return index === -1 ? DISPLAY_ORDER.length : index;
  };
  return [...services].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export type ServiceReadiness = 'ready' | 'starting' | 'failed' | 'missing';

export interface ServiceReport {
  service: string;
  readiness: ServiceReadiness;
  /** Human text: "healthy", "exited (1)", "unhealthy", "not created". */
  detail: string;
  containers: ContainerState[];
}

export function assessContainer(container: ContainerState, oneShot: boolean): { readiness: ServiceReadiness; detail: string } {
  const { state, health, exitCode } = container;
  if (state === 'exited' || state === 'dead') {
    if (oneShot && exitCode === 0) return { readiness: 'ready', detail: 'completed' };
    return { readiness: 'failed', detail: `exited (${exitCode})` };
  }
  if (state === 'restarting') return { readiness: 'failed', detail: 'restarting (crash loop)' };
  // Created, waiting for its dependencies (during `up`) or left so by an interrupted `up`.
  if (state === 'created') return { readiness: 'starting', detail: 'created, not started' };
  if (state !== 'running') return { readiness: 'starting', detail: state || 'unknown' };
  if (health === 'unhealthy') return { readiness: 'failed', detail: 'unhealthy' };
  if (health === 'starting') return { readiness: 'starting', detail: 'health: starting' };
  if (oneShot) return { readiness: 'starting', detail: 'running' };
  return { readiness: 'ready', detail: health || 'running' };
}

export function assessStack(services: string[], containers: ContainerState[], oneShots = ONE_SHOT_SERVICES): ServiceReport[] {
  const stack = containers.filter((container) => !container.oneOff);
  return services.map((service) => {
    const own = stack.filter((container) => container.service === service);
    if (own.length === 0) return { service, readiness: 'missing', detail: 'not created', containers: own };
    const assessed = own.map((container) => assessContainer(container, oneShots.has(service)));
    const worst =
      assessed.find((a) => a.readiness === 'failed') ?? assessed.find((a) => a.readiness === 'starting') ?? assessed[0]!;
    return { service, readiness: worst.readiness, detail: worst.detail, containers: own };
  });
}

export function allReady(reports: ServiceReport[]): boolean {
  return reports.length > 0 && reports.every((report) => report.readiness === 'ready');
}

/** Host ports this stack's containers publish, mapped to the container name. */
export function publishedPorts(containers: ContainerState[]): Map<number, string> {
  const ports = new Map<number, string>();
  for (const container of containers) {
    for (const publisher of container.publishers) {
      if (publisher.publishedPort > 0) ports.set(publisher.publishedPort, container.name);
    }
  }
  return ports;
}

/** Compose's label holding the hash of the service configuration a container was created from. */
export const CONFIG_HASH_LABEL = 'com.docker.compose.config-hash';

/** Compose's label with the ID of the image a container was created from. */
const IMAGE_ID_LABEL = 'com.docker.compose.image';

/**
 * Services whose containers run an image that has lost its name since they were
 * created: the tag moved to a newer build (`npm run build:images`, an `up` stopped
 * after its build) or pull. Docker then reports the container's image as the bare ID
 * that Compose recorded in IMAGE_ID_LABEL; `docker compose up` recreates such
 * containers, so `up` must not call the stack current.
 */
export function servicesOnOlderImages(containers: ContainerState[]): string[] {
  const older = containers
    .filter((container) => !container.oneOff && container.labels[IMAGE_ID_LABEL] !== undefined && container.image === container.labels[IMAGE_ID_LABEL])
    .map((container) => container.service);
  return orderServices([...new Set(older)]);
}

/**
 * Services whose containers were created from another configuration than the current
 * one (compose.yaml, .env or versions.env changed since): Compose would recreate them,
 * so `up` must not skip Compose for them. Compared by Compose's own config hash.
 */
export function staleServices(expectedHashes: Map<string, string>, containers: ContainerState[]): string[] {
  const stale = containers
    .filter((container) => !container.oneOff && expectedHashes.has(container.service))
    .filter((container) => container.labels[CONFIG_HASH_LABEL] !== expectedHashes.get(container.service))
    .map((container) => container.service);
  return orderServices([...new Set(stale)]);
}
