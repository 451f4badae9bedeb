/**
 * What status asks a part of the stack that is not up gets back is the raw error of
 * asking (`compose exec` failing, HAProxy's 503 page, a reset connection). The part's
 * container says more: which service the fact comes from and the state it is in. The
 * indexer's row is that service's own state, so it also gets the fix when waiting will
 * not help (not created, created but not started, failed); for the other facts the
 * services table above already says it. Pure: the command hands in what it gathered.
 */
import type { ServiceReport } from '../compose/service-readiness.ts';
import type { ConnectorsView } from './status-model.ts';
import type { SearchFacts } from './search-report.ts';

/** The service each search fact is read from. */
const SOURCE_OF: Record<keyof SearchFacts, string> = {
  index: 'elasticsearch',
  documents: 'elasticsearch',
  rows: 'mysql',
  lag: 'kafka',
  deadLetters: 'kafka',
  indexer: 'search-indexer',
};

const START_FIX = 'npm run up starts it';

/** Why a service cannot answer, or undefined when it is up (then what it answered stands). */
export function notUp(report: ServiceReport | undefined): { error: string; fix?: string } | undefined {
  if (!report || report.readiness === 'ready') return undefined;
  // Running and passing no healthcheck yet: it will answer soon, there is nothing to fix.
  if (report.readiness === 'starting' && report.containers.some((c) => c.state === 'running')) return { error: `${report.service} is ${report.detail}` };
  return { error: `${report.service} is ${report.detail}`, fix: START_FIX };
}

export function withUnreadySources(facts: SearchFacts, connectors: ConnectorsView, reports: ServiceReport[]): { facts: SearchFacts; connectors: ConnectorsView } {
  const byService = new Map(reports.map((report) => [report.service, report]));
  const adjusted = { ...facts } as Record<keyof SearchFacts, unknown>;
  for (const [fact, service] of Object.entries(SOURCE_OF) as Array<[keyof SearchFacts, string]>) {
    const reason = notUp(byService.get(service));
    if (reason) adjusted[fact] = fact === 'indexer' ? reason : { error: reason.error };
  }
  const connect = 'off' in connectors ? undefined : notUp(byService.get('connect'));
  return { facts: adjusted as SearchFacts, connectors: connect ? { error: connect.error } : connectors };
}
