/**
 * Plans the Elasticsearch bulk request for a batch of changes.
 *
 * Ordering: the row `version` (bumped by a trigger on every UPDATE, and on INSERT
 * set above any version this id ever had, tombstones included:
 * mysql/migrations/0002-versions-survive-reinsert.sql) is the
 * external version, with version_type=external: Elasticsearch applies a write only
 * when its version is greater than the stored one, so a replayed older event gets
 * 409 and never overwrites a newer document. Equal versions are the same row state
 * (a redelivery), so refusing them loses nothing — that is why not external_gte.
 * A delete carries version + 1: the tombstone Elasticsearch keeps (index.gc_deletes,
 * 60 s) then outranks a replayed create/update of that same last state.
 */
import type { ChangeAction } from './change-event.ts';

export interface Planned<T, A = ChangeAction> {
  action: A;
  /** What the action came from (the Kafka message), for dead-lettering. */
  source: T;
}

export function esVersion(action: ChangeAction): number | undefined {
  if (action.kind === 'upsert') return action.version;
  return action.version === undefined ? undefined : action.version + 1;
}

/**
 * One action per document id: the newest by version. A versioned action beats a
 * bare tombstone, which only follows the delete it belongs to. Ties go to the later
 * message. Fewer writes and no 409s between items of the same request.
 */
export function latestPerId<T>(planned: Planned<T>[]): Planned<T>[] {
  const byId = new Map<number, Planned<T>>();
  for (const item of planned) {
    const current = byId.get(item.action.id);
    if (!current || outranks(item.action, current.action)) byId.set(item.action.id, item);
  }
  return [...byId.values()];
}

function outranks(next: ChangeAction, current: ChangeAction): boolean {
  const nextVersion = esVersion(next);
  const currentVersion = esVersion(current);
  if (nextVersion === undefined) return currentVersion === undefined;
  return currentVersion === undefined || nextVersion >= currentVersion;
}

/**
 * The `operations` array of a bulk request: per action, per target index, a header
 * line, then the document for an index. Actions stay in order, each followed by its
 * targets in order (see combinedResults in bulk-outcome.ts, which reads them back).
 */
export function toBulkOperations(indices: string[], actions: ChangeAction[]): object[] {
  return actions.flatMap((action): object[] => {
    const version = esVersion(action);
    return indices.flatMap((index): object[] => {
      const header = {
        _index: index,
        _id: String(action.id),
        ...(version === undefined ? {} : { version, version_type: 'external' }),
      };
      return action.kind === 'upsert' ? [{ index: header }, action.document] : [{ delete: header }];
    });
  });
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
