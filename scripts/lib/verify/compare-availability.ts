/**
 * Compares date search's index with the inventory tables (issue 21): each room type
 * and night row as the indexer would write it (the indexer's own mapping, applied by
 * the caller) against the documents, by document id. In memory: the inventory holds a
 * few rows per room type and night (the sample: about 5,500 nights), and the ids are
 * strings, so the hotels' merge in id order (compare-streams.ts) does not fit.
 */
import type { AvailabilityDocument } from '../../../services/search-indexer/contract.ts';
import type { DriftKind } from './compare-streams.ts';

/** A row as the indexer would write it, or why the indexer refuses it. */
export type ExpectedAvailability = { id: string; document: AvailabilityDocument } | { id: string; problem: string };

export interface IndexedAvailability {
  id: string;
  source: Record<string, unknown>;
}

export interface AvailabilityComparison {
  rows: number;
  documents: number;
  drift: Record<DriftKind, { count: number; ids: string[] }>;
  /** For each listed differing id, the fields that differ. */
  differingFields: Record<string, string[]>;
  problems: Record<string, string>;
}

export function compareAvailability(expected: Iterable<ExpectedAvailability>, indexed: Iterable<IndexedAvailability>, { limit }: { limit: number }): AvailabilityComparison {
  const result: AvailabilityComparison = {
    rows: 0,
    documents: 0,
    drift: { missing: none(), extra: none(), differing: none(), unindexable: none() },
    differingFields: {},
    problems: {},
  };
  const note = (kind: DriftKind, id: string): boolean => {
    const drift = result.drift[kind];
    drift.count++;
    if (drift.ids.length >= limit) return false;
    drift.ids.push(id);
    return true;
  };
  const documents = new Map<string, Record<string, unknown>>();
  for (const document of indexed) {
    result.documents++;
    documents.set(document.id, document.source);
  }
  const rowIds = new Set<string>();
  for (const row of [...expected].sort((a, b) => compareIds(a.id, b.id))) {
    result.rows++;
    rowIds.add(row.id);
    if ('problem' in row) {
      if (note('unindexable', row.id)) result.problems[row.id] = row.problem;
      continue;
    }
    const source = documents.get(row.id);
    if (source === undefined) {
      note('missing', row.id);
      continue;
    }
    const fields = differingFields(row.document, source);
    if (fields.length > 0 && note('differing', row.id)) result.differingFields[row.id] = fields;
  }
  for (const id of [...documents.keys()].sort(compareIds)) if (!rowIds.has(id)) note('extra', id);
  return result;
}

function differingFields(expected: AvailabilityDocument, indexed: Record<string, unknown>): string[] {
  const wanted = expected as unknown as Record<string, unknown>;
  const names = new Set([...Object.keys(wanted), ...Object.keys(indexed)]);
  return [...names].filter((name) => wanted[name] !== indexed[name]);
}

/** Room types before nights, then by the numbers in the id: the order a person reads the list in. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function none() {
  return { count: 0, ids: [] as string[] };
}
