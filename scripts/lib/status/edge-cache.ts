/**
 * HAProxy's caches as `npm run status` shows them (issue 22): per cached backend (web's
 * assets, the images), lookups and hits since HAProxy started, from the stats CSV's
 * `cache_lookups` and `cache_hits` (the stats page shows the same per backend).
 */
import { backendCacheCounters, type CacheCounters } from '../bench/page-load.ts';
import { UserError } from '../errors.ts';

/** The backends whose answers HAProxy caches (haproxy/haproxy.cfg: cache-use). */
export const CACHED_BACKENDS = ['web', 'images'] as const;

export type EdgeCacheView = Array<{ backend: string } & CacheCounters> | { error: string };

export function edgeCacheView(csv: string, backends: readonly string[] = CACHED_BACKENDS): EdgeCacheView {
  try {
    return backends.map((backend) => ({ backend, ...backendCacheCounters(csv, backend) }));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** "95 % (19 of 20)", or "no lookups yet". */
export function describeHits({ lookups, hits }: CacheCounters): string {
  return lookups === 0 ? 'no lookups yet' : `${Math.round((hits / lookups) * 100)} % hits (${hits} of ${lookups} lookups)`;
}

/** The stats CSV (`<stats>/;csv`), with the stats page's credentials. */
export async function fetchStatsCsv(statsUrl: string, credentials: { user: string; password: string }, send: typeof fetch = fetch): Promise<string> {
  const response = await send(`${statsUrl}/;csv`, {
    headers: { Authorization: `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}` },
    signal: AbortSignal.timeout(3_000),
  });
  if (!response.ok) throw new UserError(`HAProxy stats answered ${response.status}`, 'check HAPROXY_STATS_USER and HAPROXY_STATS_PASSWORD in .env');
  return response.text();
}
