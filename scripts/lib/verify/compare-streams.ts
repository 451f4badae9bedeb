/**
 * Merge-compares the database with the search index, both read as streams in
 * ascending id order, so memory stays at one page per side however many hotels
 * there are. What each row should look like in the index comes from the indexer's
 * own mapping (services/search-indexer/row-to-document.ts), applied by the caller:
 * this file only compares.
 */
import type { HotelDocument } from '../../../services/lib/contract.ts';
import { hotelIndexDefinition } from '../../../services/search-indexer/contract.ts';

/** A database row as the indexer would write it, or why the indexer refuses it (it dead-letters such rows). */
export type ExpectedDocument = { id: number; document: HotelDocument } | { id: number; problem: string };

/** A document as the index holds it. `id` is its `id` field, the sort key; `docId` its `_id`. */
export interface IndexedDocument {
  id: number;
  docId: string;
  source: Record<string, unknown>;
}

export const driftKinds = ['missing', 'extra', 'differing', 'unindexable'] as const;
/**
 * missing: a row with no document; extra: a document with no row; differing: both
 * exist, but the document's version or an indexed field is not what the row gives;
 * unindexable: a row the indexer's mapping refuses, so search can never show it.
 */
export type DriftKind = (typeof driftKinds)[number];

export interface DriftIds {
  count: number;
  /** The first `limit` ids, ascending. */
  ids: number[];
}

export interface Comparison {
  rows: number;
  documents: number;
  drift: Record<DriftKind, DriftIds>;
  /** For each listed differing id, the fields that differ ("_id" when the document's _id is not its id). */
  differingFields: Record<number, string[]>;
  /** For each listed unindexable id, why the indexer refuses the row. */
  problems: Record<number, string>;
}

export function isClean(comparison: { drift: Record<DriftKind, { count: number }> }): boolean {
  return driftKinds.every((kind) => comparison.drift[kind].count === 0);
}

export async function compareStreams(
  rows: AsyncIterable<ExpectedDocument>,
  documents: AsyncIterable<IndexedDocument>,
  { limit }: { limit: number },
): Promise<Comparison> {
  const result: Comparison = {
    rows: 0,
    documents: 0,
    drift: { missing: none(), extra: none(), differing: none(), unindexable: none() },
    differingFields: {},
    problems: {},
  };
  const note = (kind: DriftKind, id: number): boolean => {
    const drift = result.drift[kind];
    drift.count++;
    if (drift.ids.length >= limit) return false;
    drift.ids.push(id);
    return true;
  };
  const noteRow = (row: ExpectedDocument, document: IndexedDocument | undefined) => {
    if ('problem' in row) {
      if (note('unindexable', row.id)) result.problems[row.id] = row.problem;
      return;
    }
    if (!document) return void note('missing', row.id);
    const fields = differingFields(row.document, document);
    if (fields.length > 0 && note('differing', row.id)) result.differingFields[row.id] = fields;
  };

  const rowStream = ascending(rows, 'database rows');
  const documentStream = ascending(documents, 'index documents');
  let row = await rowStream.next();
  let document = await documentStream.next();
  while (!row.done || !document.done) {
    if (!row.done && (document.done || row.value.id < document.value.id)) {
      result.rows++;
      noteRow(row.value, undefined);
      row = await rowStream.next();
    } else if (!document.done && (row.done || document.value.id < row.value.id)) {
      result.documents++;
      note('extra', document.value.id);
      document = await documentStream.next();
    } else if (!row.done && !document.done) {
      result.rows++;
      result.documents++;
      noteRow(row.value, document.value);
      [row, document] = await Promise.all([rowStream.next(), documentStream.next()]);
    }
  }
  return result;
}

/** Fields whose value in the index is not the one the row maps to; dates compare as instants. */
export function differingFields(expected: HotelDocument, indexed: IndexedDocument): string[] {
  const fields: string[] = [];
  if (indexed.docId !== String(expected.id)) fields.push('_id');
  const wanted = expected as unknown as Record<string, unknown>;
  const names = new Set([...Object.keys(wanted), ...Object.keys(indexed.source)]);
  for (const name of names) {
    if (!sameValue(name, wanted[name], indexed.source[name])) fields.push(name);
  }
  return fields;
}

const properties: Record<string, { type: string }> = hotelIndexDefinition.mappings.properties;

function sameValue(field: string, wanted: unknown, found: unknown): boolean {
  // The indexer writes description: null; a document without the field says the same.
  const [a, b] = [wanted ?? null, found ?? null];
  if (properties[field]?.type === 'date' && typeof a === 'string' && typeof b === 'string') {
    // _source keeps the text the writer sent: "…T10:00:00Z" and "…T10:00:00.000Z" are one instant.
    return Date.parse(a) === Date.parse(b);
  }
  // images: an array, equal when it holds the same hashes in the same order; a document
  // indexed before the field existed has none, which is right for a hotel without images.
  if (Array.isArray(a)) {
    const list = b === null ? [] : b;
    return Array.isArray(list) && list.length === a.length && a.every((item, index) => item === list[index]);
  }
  return a === b;
}

/**
 * The merge is only right when both sides come in strictly ascending id order; a
 * reader that breaks it (a second index behind the alias, a sort on the wrong field)
 * must fail loudly instead of reporting made-up drift.
 */
async function* ascending<T extends { id: number }>(items: AsyncIterable<T>, what: string): AsyncGenerator<T, void, undefined> {
  let previous = -Infinity;
  for await (const item of items) {
    if (!(item.id > previous)) throw new Error(`${what} are not in ascending id order: ${item.id} after ${previous}`);
    previous = item.id;
    yield item;
  }
}

function none(): DriftIds {
  return { count: 0, ids: [] };
}
