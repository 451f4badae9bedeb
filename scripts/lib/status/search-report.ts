/**
 * The search part of `npm run status`: where the alias points, documents against
 * rows, consumer lag per partition, dead letters and the indexer's own word. Pure:
 * the facts are gathered by search-facts.ts, each one either a value or the error
 * that kept it from being known, so one unreachable part never hides the others.
 */
import { type ConsumerLag, hasConcreteIndexAtAlias, REINDEX_FIX, resolveTargets, type SearchIndexNames, type SearchIndexState } from '../../../services/search-indexer/contract.ts';

/** A fact, or why it is not known; `fix` when the reason is a state with a known remedy (a container not running). */
export type Known<T> = T | { error: string; fix?: string };

/** What the indexer's /healthz says (the parts status shows). */
export interface IndexerHealth {
  status: string;
  /** Why the indexer is not `ok`, one sentence per cause. */
  causes?: string[];
  problem?: string;
  fix?: string;
  lastError?: string | null;
  deadLettered?: number;
  lastDeadLetterError?: string | null;
}

export interface SearchFacts {
  index: Known<SearchIndexState>;
  documents: Known<number>;
  rows: Known<number>;
  lag: Known<ConsumerLag>;
  /** Messages in the dead-letter topic, ever. */
  deadLetters: Known<number>;
  indexer: Known<IndexerHealth>;
}

export type Level = 'ok' | 'warn' | 'fail';

export interface SearchReport {
  rows: Array<{ what: string; value: string; level: Level }>;
  problems: Array<{ problem: string; fix: string }>;
}

const known = <T>(value: Known<T>): value is T => !(typeof value === 'object' && value !== null && 'error' in value);

export function searchReport(facts: SearchFacts, names: SearchIndexNames): SearchReport {
  const report: SearchReport = { rows: [], problems: [] };
  const add = (what: string, value: string, level: Level) => report.rows.push({ what, value, level });
  const unknown = (what: string, value: { error: string; fix?: string }) => {
    if (!value.fix) return add(what, `not known: ${value.error}`, 'warn');
    add(what, value.error, 'fail');
    report.problems.push({ problem: `${what}: ${value.error}`, fix: value.fix });
  };

  let indexMissing = false;
  if (!known(facts.index)) unknown('search alias', facts.index);
  else if (hasConcreteIndexAtAlias(facts.index, names)) {
    add('search alias', `${names.alias} is a concrete index from before the alias`, 'warn');
    report.problems.push({ problem: `${names.alias} is still a concrete index`, fix: 'npm run up (the indexer moves it behind the alias at start), or npm run reindex' });
  } else {
    const targets = resolveTargets(facts.index.aliases, names);
    if (!targets.ok) {
      indexMissing = true;
      add('search alias', `MISSING: ${targets.problem}`, 'fail');
      report.problems.push({ problem: targets.problem, fix: targets.fix });
    } else {
      const filling = targets.reindexTarget ? ` (reindex filling ${targets.reindexTarget})` : '';
      add('search alias', `${names.alias} → ${targets.writeIndex ?? 'nothing yet'}${filling}`, targets.writeIndex ? 'ok' : 'warn');
    }
  }

  const lagTotal = known(facts.lag) ? facts.lag.total : undefined;
  if (known(facts.documents) && known(facts.rows)) {
    const same = facts.documents === facts.rows;
    const why = same ? '' : lagTotal ? ` (indexer ${lagTotal} messages behind)` : ' — differ with nothing left to index: npm run reindex';
    add('documents / rows', `${facts.documents} / ${facts.rows}${why}`, same ? 'ok' : lagTotal ? 'warn' : 'fail');
  } else {
    add('documents / rows', `${known(facts.documents) ? facts.documents : indexMissing ? 'no index' : `? (${facts.documents.error})`} / ${known(facts.rows) ? facts.rows : `? (${facts.rows.error})`}`, indexMissing ? 'fail' : 'warn');
  }

  if (!known(facts.lag)) unknown('consumer lag', facts.lag);
  else {
    const partitions = facts.lag.partitions.map((p) => `p${p.partition}: ${p.lag}`).join(', ');
    add('consumer lag', `${facts.lag.total}${partitions ? ` (${partitions})` : ''}`, facts.lag.total === 0 ? 'ok' : 'warn');
  }

  const health = known(facts.indexer) ? facts.indexer : undefined;
  if (!known(facts.deadLetters)) unknown('dead letters', facts.deadLetters);
  else {
    const last = health?.lastDeadLetterError ? `; last: ${health.lastDeadLetterError}` : '';
    add('dead letters', `${facts.deadLetters}${last}`, facts.deadLetters === 0 ? 'ok' : 'warn');
  }

  if (!health) unknown('indexer', facts.indexer as { error: string; fix?: string });
  else {
    add('indexer', indexerLine(health), health.status === 'ok' ? 'ok' : 'fail');
    if (health.problem && !indexMissing) report.problems.push({ problem: health.problem, fix: health.fix ?? REINDEX_FIX });
  }
  return report;
}

/** The indexer's state with why it is not ok: its causes, or (an indexer from before causes) its problem or last error. */
function indexerLine(health: IndexerHealth): string {
  if (health.status === 'ok') return health.status;
  const why = health.causes?.length ? health.causes.join('; ') : (health.problem ?? health.lastError);
  return why ? `${health.status}: ${why}` : health.status;
}
