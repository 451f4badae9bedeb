import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { assessStack } from '../../../scripts/lib/compose/service-readiness.ts';
import type { SearchFacts } from '../../../scripts/lib/status/search-report.ts';
import { withUnreadySources } from '../../../scripts/lib/status/unready-sources.ts';

const container = (service: string, state: string, health = ''): ContainerState => ({
  name: `bk-${service}-1`, service, project: 'bk', state, health, exitCode: 0, oneOff: false, status: state, publishers: [], labels: {},
});
const raw = '<html><body><h1>503 Service Unavailable</h1>';
const answered: SearchFacts = { index: { error: raw }, documents: { error: raw }, rows: 6, lag: { error: 'read ECONNRESET' }, deadLetters: { error: 'Closed connection' }, indexer: { error: 'docker compose exec failed (exit 1): service "search-indexer" is not running' } };

describe('withUnreadySources (status after an interrupted up)', () => {
  it('replaces the raw errors of asking a part that is not up with the state of the service it comes from', () => {
    const reports = assessStack(
      ['mysql', 'kafka', 'connect', 'elasticsearch', 'search-indexer'],
      [container('mysql', 'running', 'healthy'), container('kafka', 'running', 'starting'), container('connect', 'created'), container('elasticsearch', 'running', 'starting'), container('search-indexer', 'created')],
    );
    const { facts, connectors } = withUnreadySources(answered, { error: 'GET /connectors answered 503' }, reports);
    expect(facts).toEqual({
      index: { error: 'elasticsearch is health: starting' },
      documents: { error: 'elasticsearch is health: starting' },
      rows: 6,
      lag: { error: 'kafka is health: starting' },
      deadLetters: { error: 'kafka is health: starting' },
      indexer: { error: 'search-indexer is created, not started', fix: 'npm run up starts it' },
    });
    expect(connectors).toEqual({ error: 'connect is created, not started' });
    expect(JSON.stringify(facts)).not.toMatch(/html|compose exec/);
  });

  it('keeps what a running, ready service answered', () => {
    const ready = ['mysql', 'kafka', 'connect', 'elasticsearch', 'search-indexer'].map((service) => container(service, 'running', 'healthy'));
    const { facts, connectors } = withUnreadySources(answered, [], assessStack(ready.map((c) => c.service), ready));
    expect(facts).toEqual(answered);
    expect(connectors).toEqual([]);
  });
});
