/**
 * What `npm run status` knows about the stack: each service's readiness, whether its
 * container predates an edit of .env or compose.yaml, where it is reached, and the
 * connectors, and search (alias, documents against rows, lag, dead letters). Pure: the command gathers the inputs, this shapes them; `--json` prints
 * this model as is and the table (render-status.ts) reads it.
 */
import type { ConnectorStatus } from '../connect/connect-client.ts';
import type { ContainerState } from '../compose/parse-ps.ts';
import { assessStack, orderServices, staleServices, type ServiceReadiness } from '../compose/service-readiness.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { serviceUrl } from '../up/service-urls.ts';
import type { EdgeCacheView } from './edge-cache.ts';
import type { SearchFacts, SearchReport } from './search-report.ts';

export interface ServiceStatus {
  service: string;
  readiness: ServiceReadiness;
  detail: string;
  /** Compose would recreate it: its container was made from another configuration. */
  configChanged: boolean;
  url: string;
  containers: Array<Pick<ContainerState, 'name' | 'state' | 'health' | 'exitCode' | 'status'>>;
}

/** The connectors and their tasks, or why Kafka Connect could not be asked, or why it does not run (the profile). */
export type ConnectorsView = ConnectorStatus[] | { error: string } | { off: string };

/** What search looks like from outside (the facts) and what status concludes from them (the report). */
export type SearchView = SearchFacts & { report: SearchReport };

export interface StatusModel {
  /** The profile the stack runs (profiles-config.ts). */
  profile: string;
  services: ServiceStatus[];
  /** The services the profile leaves out, each with why: `not in profile core`. Never a problem. */
  off: Array<{ service: string; reason: string }>;
  connectors: ConnectorsView;
  search?: SearchView;
  /** Set instead of `search` when the profile runs without search: why. */
  searchOff?: string;
  /** HAProxy's caches: lookups and hits per cached backend (not part of the verdict). */
  edgeCache?: EdgeCacheView;
}

/** What `status --check` (and a script reading `--json`) decides from the model: healthy, or each part that is not. */
export interface StackVerdict {
  healthy: boolean;
  problems: string[];
}

/**
 * Healthy: every service ready (one-shots completed), a connector registered with it and
 * its tasks RUNNING, and nothing in search that status shows as failed.
 */
export function stackVerdict({ services, connectors, search }: StatusModel): StackVerdict {
  const problems = services.filter((s) => s.readiness !== 'ready').map((s) => `${s.service} ${s.detail}`);
  if ('off' in connectors) {
    // The profile runs no Connect: no connector is expected.
  } else if ('error' in connectors) problems.push(`Kafka Connect not reachable (${connectors.error})`);
  else if (connectors.length === 0) problems.push('no connector registered');
  else
    for (const c of connectors) {
      if (c.connector.state !== 'RUNNING') problems.push(`connector ${c.name} ${c.connector.state}`);
      for (const t of c.tasks) if (t.state !== 'RUNNING') problems.push(`connector ${c.name} task ${t.id} ${t.state}`);
    }
  for (const row of search?.report.rows ?? []) if (row.level === 'fail') problems.push(`${row.what}: ${row.value}`);
  return { healthy: problems.length === 0, problems };
}

export interface StatusInputs {
  /** Each service's current configuration hash (Compose's `config --hash`). */
  hashes: Map<string, string>;
  containers: ContainerState[];
  connectors: ConnectorsView;
  stack: StackConfig;
  search?: SearchView;
  edgeCache?: EdgeCacheView;
}

export function statusModel({ hashes, containers, connectors, stack, search, edgeCache }: StatusInputs): StatusModel {
  const reports = assessStack(orderServices([...hashes.keys()]), containers);
  const changed = new Set(staleServices(hashes, containers));
  const { off } = stack.profile;
  return {
    profile: stack.profile.name,
    services: reports.map((report) => ({
      service: report.service,
      readiness: report.readiness,
      detail: report.detail,
      configChanged: changed.has(report.service),
      url: serviceUrl(report.service, stack),
      containers: report.containers.map((c) => ({ name: c.name, state: c.state, health: c.health, exitCode: c.exitCode, status: c.status })),
    })),
    off: orderServices([...off.keys()]).map((service) => ({ service, reason: offReason(service, off.get(service)!, containers) })),
    connectors,
    ...(search ? { search } : {}),
    ...(stack.profile.searchOffReason === '' ? {} : { searchOff: off.get('elasticsearch') ?? stack.profile.searchOffReason }),
    ...(edgeCache ? { edgeCache } : {}),
  };
}

/** Why a service is off; a container an earlier, bigger profile left (an `up` cut short) is named too. */
function offReason(service: string, reason: string, containers: ContainerState[]): string {
  const left = containers.find((container) => container.service === service && !container.oneOff);
  return left ? `${reason}, yet its container is ${left.state}: npm run up removes it` : reason;
}
