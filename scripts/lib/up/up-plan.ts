/**
 * `up`'s decisions, apart from the Compose and Connect calls that carry them out:
 * whether to start anything, what to say before starting, and the closing table.
 * (The connector is registered on every `up`: PUT is idempotent, and that is what
 * notices a connector deleted or FAILED behind a healthy stack.)
 */
import type { PlannedBuild } from '../build/local-builds.ts';
import type { ConnectorStatus } from '../connect/connect-client.ts';
import { allReady, orderServices, type ServiceReport } from '../compose/service-readiness.ts';
import type { ContainerState } from '../compose/parse-ps.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { formatDuration } from '../wait/clock.ts';
import { serviceUrl } from './service-urls.ts';

export type StartDecision = { start: false } | { start: true; builds: PlannedBuild[]; notes: string[] };

/**
 * Like `docker compose up`: a changed compose.yaml or .env recreates what it changes,
 * even on a healthy stack; so does a local image whose sources changed (it is built
 * first, and Compose recreates the services that run it). Otherwise a healthy stack is
 * left alone, unless --build asks for the builds.
 */
export function decideStart(before: ServiceReport[], changed: string[], builds: PlannedBuild[], onOlderImages: string[] = []): StartDecision {
  if (allReady(before) && changed.length === 0 && builds.length === 0 && onOlderImages.length === 0) return { start: false };
  const notes: string[] = [];
  const them = (services: string[]) => (services.length === 1 ? 'it' : 'them');
  if (changed.length > 0) notes.push(`configuration changed for ${changed.join(', ')}: Compose recreates ${them(changed)}`);
  // Built since they were created (by `npm run build:images`, or an `up` stopped after its build).
  if (onOlderImages.length > 0) notes.push(`${onOlderImages.join(', ')} ${onOlderImages.length === 1 ? 'runs' : 'run'} an older build of the local image: Compose recreates ${them(onOlderImages)}`);
  return { start: true, builds, notes };
}

export function connectorLine(status: ConnectorStatus, tookMs: number): string {
  return `connector ${status.name}: ${status.connector.state}, tasks ${status.tasks.map((t) => `${t.id}=${t.state}`).join(' ')} (${formatDuration(tookMs)})`;
}

export interface SummaryInput {
  services: string[];
  stack: StackConfig;
  /** The stack as it was before this `up`. */
  before: ServiceReport[];
  /** How long each service this `up` started took to be ready. */
  readyAfter: Map<string, number>;
}

/** The rows of the closing table: service, where to reach it, how long it took ("already up" when it was). */
export function summaryRows({ services, stack, before, readyAfter }: SummaryInput): string[][] {
  return services.map((service) => {
    const took = readyAfter.get(service);
    const wasReady = before.find((report) => report.service === service)?.readiness === 'ready';
    return [service, serviceUrl(service, stack), took !== undefined ? formatDuration(took) : wasReady ? 'already up' : '-'];
  });
}

/** Services the profile leaves out that still have containers (an earlier, bigger profile's): `up` removes them. */
export function servicesLeftOut(containers: ContainerState[], off: Map<string, string>): string[] {
  return orderServices([...new Set(containers.filter((container) => off.has(container.service)).map((container) => container.service))]);
}

/** The closing table's rows for the services the profile leaves out: `off: not in profile core`. */
export function offRows(off: Map<string, string>): string[][] {
  return orderServices([...off.keys()]).map((service) => [service, `off: ${off.get(service)!}`, '-']);
}
