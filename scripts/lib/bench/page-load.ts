/**
 * What `npm run bench:web` measures, as pure pieces: the files a first visit to `/`
 * loads (read from index.html), their gzip size, and HAProxy's cache counters for the
 * web backend (stats CSV fields cache_lookups and cache_hits).
 */
import { gzipSync } from 'node:zlib';

export interface PageAssets {
  scripts: string[];
  styles: string[];
}

/** The scripts (entry and modulepreload) and stylesheets index.html makes the browser fetch at once. */
export function initialAssets(html: string): PageAssets {
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    if (tag.startsWith('<script')) {
      const src = attr(tag, 'src');
      if (src) scripts.add(src);
      continue;
    }
    const rel = attr(tag, 'rel');
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel === 'modulepreload') scripts.add(href);
    if (rel === 'stylesheet') styles.add(href);
  }
  return { scripts: [...scripts], styles: [...styles] };
}

/**
 * The chunks a script can load later (Vite's dynamic imports): `import("./x-HASH.js")` and
 * the preload lists' "assets/x-HASH.js", as paths under /assets/. Not loaded on a first visit:
 * the booking pages, the calendar.
 */
export function chunkReferences(script: string): string[] {
  const names = new Set<string>();
  for (const match of script.matchAll(/["'`](?:\.\/|\/?assets\/)([\w.-]+\.js)["'`]/g)) names.add(`/assets/${match[1]}`);
  return [...names];
}

/** Bytes over the wire with gzip at zlib's default level, HAProxy's `compression algo gzip`. */
export function gzipSize(body: Uint8Array | string): number {
  return gzipSync(body).length;
}

export interface CacheCounters {
  lookups: number;
  hits: number;
}

/** The cache counters of one backend from HAProxy's stats CSV (`/;csv`). */
export function backendCacheCounters(csv: string, backend: string): CacheCounters {
  const [header, ...rows] = csv.split('\n');
  if (!header?.startsWith('# ')) throw new Error('not HAProxy stats CSV (no "# pxname,..." header)');
  const columns = header.slice(2).split(',');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index === -1) throw new Error(`HAProxy stats CSV has no ${name} column`);
    return index;
  };
  const [pxname, svname, lookups, hits] = [at('pxname'), at('svname'), at('cache_lookups'), at('cache_hits')];
  const row = rows.map((line) => line.split(',')).find((cells) => cells[pxname] === backend && cells[svname] === 'BACKEND');
  if (!row) throw new Error(`HAProxy stats have no backend ${backend}`);
  return { lookups: Number(row[lookups] || 0), hits: Number(row[hits] || 0) };
}

export function hitRatio(before: CacheCounters, after: CacheCounters): number | undefined {
  const lookups = after.lookups - before.lookups;
  return lookups > 0 ? (after.hits - before.hits) / lookups : undefined;
}
