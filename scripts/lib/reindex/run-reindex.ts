/**
 * Carries out plan-reindex.ts against a search store and a database, reporting each
 * step. Side effects enter through ReindexDeps (elasticsearch-store.ts and
 * database-rows.ts are the real ones), so the order is unit-tested without Docker.
 */
import type { SearchIndexNames, SearchIndexState } from '../../../services/search-indexer/contract.ts';
import { backfill, type BackfillDeps, type BackfillProgress } from './backfill.ts';
import { planReindex } from './plan-reindex.ts';

export interface SearchStore {
  state(): Promise<SearchIndexState>;
  deleteIndex(index: string): Promise<void>;
  /** Creates the index with its mapping (elasticsearch-store.ts) and refresh off; an existing one is kept. */
  createIndex(index: string): Promise<void>;
  addAlias(index: string, alias: string): Promise<void>;
  write: BackfillDeps['write'];
  /** Sets the refresh interval and refreshes, so the index is searchable before readers see it. */
  makeSearchable(index: string, refreshInterval: string): Promise<void>;
  updateAliases(actions: object[]): Promise<void>;
  count(index: string): Promise<number>;
}

export interface ReindexDeps {
  store: SearchStore;
  readPage: BackfillDeps['readPage'];
  maxId: BackfillDeps['maxId'];
  /**
   * Fills the target instead of the hotels' backfill (readPage and maxId are then unused):
   * date search's availability index (availability-backfill.ts).
   */
  fill?: (index: string) => Promise<BackfillProgress>;
  names: SearchIndexNames;
  refreshInterval: string;
  pageSize?: number;
  report: (step: string) => void;
  onPage?: (progress: BackfillProgress) => void;
}

export interface ReindexResult {
  target: string;
  replaced: string[];
  leftovers: string[];
  resumed: boolean;
  backfill: BackfillProgress;
  documents: number;
}

export async function runReindex(deps: ReindexDeps): Promise<ReindexResult> {
  const { store, names, report } = deps;
  const plan = planReindex(await store.state(), names);

  for (const index of plan.leftovers) {
    report(`dropping ${index}, left behind by an earlier run (no alias points at it)`);
    await store.deleteIndex(index);
  }
  if (plan.createTarget) {
    report(`creating ${plan.target} with the mapping`);
    await store.createIndex(plan.target);
  } else report(`resuming: ${plan.target} is marked ${names.reindexAlias} by an earlier run; filling it again`);
  if (plan.markTarget) {
    // From here on the indexer writes every change to the target too.
    report(`marking ${plan.target} as ${names.reindexAlias}: the indexer writes new changes to it`);
    await store.addAlias(plan.target, names.reindexAlias);
  }

  report(`filling ${plan.target} from the database`);
  const filled = deps.fill
    ? await deps.fill(plan.target)
    : await backfill(plan.target, { readPage: deps.readPage, maxId: deps.maxId, write: store.write, ...(deps.onPage ? { onPage: deps.onPage } : {}) }, deps.pageSize);

  await store.makeSearchable(plan.target, deps.refreshInterval);
  report(`pointing ${names.alias} at ${plan.target}${plan.replaced.length > 0 ? ` instead of ${plan.replaced.join(', ')}` : ''} (one atomic alias change)`);
  await store.updateAliases(plan.swap);
  for (const index of plan.replaced) {
    report(`dropping the old index ${index}`);
    await store.deleteIndex(index);
  }
  return {
    target: plan.target,
    replaced: plan.replaced,
    leftovers: plan.leftovers,
    resumed: !plan.createTarget,
    backfill: filled,
    documents: await store.count(names.alias),
  };
}
