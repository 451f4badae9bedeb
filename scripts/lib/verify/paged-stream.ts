/**
 * Turns a paged reader (keyset pagination on the database, search_after on the
 * index) into one stream of items, fetching the next page while the caller works
 * through the current one: the two sides of verify and the comparison overlap, and
 * memory holds at most two pages.
 */
export interface Page<T, Cursor> {
  items: T[];
  /** Where the next page starts; undefined after the last page. */
  next: Cursor | undefined;
}

export async function* pagedStream<T, Cursor>(fetchPage: (after: Cursor | undefined) => Promise<Page<T, Cursor>>): AsyncGenerator<T, void, undefined> {
  let pending = prefetch(fetchPage(undefined));
  for (;;) {
    const page = await pending;
    if (page.next !== undefined) pending = prefetch(fetchPage(page.next));
    yield* page.items;
    if (page.next === undefined) return;
  }
}

/**
 * A page fetched ahead may fail after the caller has stopped reading (the other side
 * failed first): mark its rejection handled so it cannot crash the process as an
 * unhandled rejection. Awaiting it still throws.
 */
function prefetch<T>(page: Promise<T>): Promise<T> {
  page.catch(() => undefined);
  return page;
}

/** The cursor after a page of `size` requested items: the last one's, or undefined when the page was short. */
export function nextCursor<T, Cursor>(items: T[], size: number, cursorOf: (item: T) => Cursor): Cursor | undefined {
  const last = items[items.length - 1];
  return items.length < size || last === undefined ? undefined : cursorOf(last);
}
