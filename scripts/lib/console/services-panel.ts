/**
 * The services panel: `npm run status`'s reading of `compose ps` (assessStack), plus
 * what only `docker inspect` knows — restarts, start time, image and its version.
 * Pure: ps, inspect output and the clock come in.
 */
import type { ContainerState } from '../compose/parse-ps.ts';
import { assessStack, type ServiceReadiness } from '../compose/service-readiness.ts';

/** The part of `docker inspect` output read here. */
export interface InspectedContainer {
  Name: string;
  RestartCount?: number;
  State?: { StartedAt?: string; Running?: boolean };
  Config?: { Image?: string; Labels?: Record<string, string> | null };
}

export interface ServiceRow {
  service: string;
  readiness: ServiceReadiness;
  /** healthy, exited (1), restarting (crash loop), not created, ... */
  state: string;
  container: string | null;
  restarts: number | null;
  uptimeSeconds: number | null;
  image: string | null;
  version: string | null;
}

export function shapeServices(services: string[], containers: ContainerState[], inspected: InspectedContainer[], now: number): ServiceRow[] {
  const byName = new Map(inspected.map((info) => [info.Name.replace(/^\//, ''), info]));
  return assessStack(services, containers).map((report) => {
    const container = report.containers[0];
    const info = container ? byName.get(container.name) : undefined;
    const started = info?.State?.Running && info.State.StartedAt ? Date.parse(info.State.StartedAt) : NaN;
    const image = info?.Config?.Image ?? null;
    return {
      service: report.service,
      readiness: report.readiness,
      state: report.detail,
      container: container?.name ?? null,
      restarts: info?.RestartCount ?? null,
      uptimeSeconds: Number.isNaN(started) ? null : Math.max(0, Math.round((now - started) / 1000)),
      image,
      version: image ? versionOf(image, info?.Config?.Labels ?? {}) : null,
    };
  });
}

/** The OCI version label when the image has one, else the tag ("8.19.21" of elasticsearch:8.19.21). */
export function versionOf(image: string, labels: Record<string, string>): string | null {
  const label = labels['org.opencontainers.image.version'];
  if (label) return label;
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  return tag ?? null;
}
