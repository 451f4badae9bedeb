/**
 * The console page's calls to its own server. Reads are plain GETs; actions carry the
 * per-run token the server embedded in this page (meta console-token) and JSON, which
 * is what the server's guard asks of them (scripts/lib/console/request-guard.ts).
 */
export type Panel<T> = { ok: true; at: string; data: T } | { ok: false; at: string; unreachable: string };

function token(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="console-token"]')?.content ?? '';
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} from the console (is \`npm run console\` still running?)`);
  return (await response.json()) as T;
}

export async function postAction<T>(path: string): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-console-token': token() }, body: '{}' });
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${path}: HTTP ${response.status}`);
  return body;
}
