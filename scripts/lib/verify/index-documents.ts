/**
 * The search side of verify: every document of the index (read by its read name,
 * an index or an alias alike) in ascending `id` order, page by page with
 * search_after. Sorted on the `id` field (a long with doc values), not `_id`, which
 * Elasticsearch 8 refuses to sort on by default (indices.id_field_data.enabled).
 */
import type { Client } from '@elastic/elasticsearch';
import { UserError } from '../errors.ts';
import type { IndexedDocument } from './compare-streams.ts';
import { nextCursor, pagedStream } from './paged-stream.ts';

export function readIndexDocuments(client: Client, index: string, pageSize: number): AsyncIterable<IndexedDocument> {
  return pagedStream<IndexedDocument, number>(async (after) => {
    const response = await client.search<Record<string, unknown>>({
      index,
      size: pageSize,
      sort: [{ id: 'asc' }],
      ...(after === undefined ? {} : { search_after: [after] }),
      track_total_hits: false,
      query: { match_all: {} },
      // Only what the comparison reads: no _index, _score or sort values per hit.
      filter_path: ['hits.hits._id', 'hits.hits._source'],
    });
    // filter_path drops `hits` altogether from a page with no hits.
    const hits = response.hits?.hits ?? [];
    const items = hits.map((hit) => indexedDocument(index, hit._id ?? '', hit._source ?? {}));
    return { items, next: nextCursor(items, pageSize, (item) => item.id) };
  });
}

export function indexedDocument(index: string, docId: string, source: Record<string, unknown>): IndexedDocument {
  const id = source.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    // Sorted last with no usable key: the merge cannot place it, so say what it is.
    throw new UserError(
      `document ${JSON.stringify(docId)} in index ${index} has no integer id field (${JSON.stringify(id)}): the indexer did not write it`,
      `delete it (curl -X DELETE 'http://127.0.0.1:<ELASTICSEARCH_PORT>/${index}/_doc/${docId}') or rebuild the index with \`npm run reindex\``,
    );
  }
  return { id, docId, source };
}
