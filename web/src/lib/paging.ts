/**
 * Paging over the API's offset/limit. Elasticsearch answers at most 10 000 hits deep
 * (index.max_result_window; the API refuses offset + limit beyond it), so the last
 * page offered is the last one inside that window, however large `total` is.
 */
export const RESULT_WINDOW = 10_000;

export function pageWindow(page: number, pageSize: number): { offset: number; limit: number } {
  return { offset: (Math.max(1, page) - 1) * pageSize, limit: pageSize };
}

export interface PageInfo {
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last hit shown; 0 and 0 when there are none. */
  first: number;
  last: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageInfo(total: number, page: number, pageSize: number): PageInfo {
  const reachable = Math.min(total, RESULT_WINDOW);
  const pageCount = Math.max(1, Math.ceil(reachable / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const first = reachable === 0 ? 0 : (current - 1) * pageSize + 1;
  const last = Math.min(current * pageSize, reachable);
  return { page: current, pageCount, first, last, hasPrevious: current > 1, hasNext: current < pageCount };
}
