/**
 * Check drift's answer (scripts/lib/verify/verify-search.ts's JSON, the same as `npm run
 * verify -- --json`) as the drift panel lists it: one section per index, the hotels' first,
 * then date search's availability, each with its counts and, per kind of drift, its count
 * and first ids. The hotels' test ids stay those of before date search existed
 * (drift-missing-count, …); date search's carry `availability` (drift-availability-missing-count, …).
 */
import type { SearchVerifyJson } from './views.ts';

export const DRIFT_KINDS = [
  { kind: 'missing', label: 'rows missing from search' },
  { kind: 'extra', label: 'documents with no row' },
  { kind: 'differing', label: 'documents that differ from their row' },
  { kind: 'unindexable', label: 'rows the indexer refuses' },
] as const;

type Kind = (typeof DRIFT_KINDS)[number]['kind'];

/** What both parts of the answer have: the hotels' (numeric ids) and date search's (string ids). */
type Part = { index: string; indexExists: boolean; database: string; rows: number; documents: number; seconds: number } & Record<Kind, { count: number; ids: ReadonlyArray<number | string> }>;

export interface DriftSection {
  title: string;
  /** Prefix of the section's test ids: `drift` for the hotels, `drift-availability` for date search. */
  testId: string;
  clean: boolean;
  summary: string;
  kinds: Array<{ kind: Kind; label: string; count: number; ids: string }>;
}

export function driftSections(result: SearchVerifyJson): DriftSection[] {
  return [section('hotels', 'drift', result, 'hotels'), section('date search (availability)', 'drift-availability', result.availability, 'room_types and room_nights')];
}

function section(title: string, testId: string, part: Part, tables: string): DriftSection {
  const kinds = DRIFT_KINDS.map(({ kind, label }) => {
    const { count, ids } = part[kind];
    const listed = ids.join(', ');
    return { kind, label, count, ids: count > ids.length ? `${listed}${listed ? ', ' : ''}… (${count - ids.length} more)` : listed };
  });
  return {
    title,
    testId,
    clean: kinds.every((k) => k.count === 0),
    summary: `${part.rows} rows in ${part.database} (${tables}), ${part.documents} documents in ${part.index}${part.indexExists ? '' : ' (does not exist)'}, ${part.seconds.toFixed(1)} s`,
    kinds,
  };
}
