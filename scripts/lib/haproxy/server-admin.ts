/**
 * HAProxy's servers, read and steered through the stats listener (STATS_PORT, behind
 * HAPROXY_STATS_USER / HAPROXY_STATS_PASSWORD): the CSV for each server's state and
 * in-flight requests, and the stats page's admin form (`stats admin`, haproxy.cfg) to
 * set a server's administrative state, as the runtime API's
 * `set server <backend>/<server> state drain|ready` would. The runtime API's own
 * socket lives inside the container, and the official image has no client for it
 * (no socat); the stats listener is already published on 127.0.0.1 with credentials.
 *
 * The form: POST `/` with `b=<backend>&s=<server>&action=<drain|ready|hrunn|...>`; HAProxy
 * answers 303 with `Location: /;st=DONE` when it applied the action, another `st=` code
 * when it did not (ERRP: unknown backend or server, DENY: admin not allowed, ...).
 * HAProxy's src/stats-html.c (the POST handler, `stats_process_http_post`) at v2.6 and
 * v3.2 read the same three fields; see docs/ci-differences.md.
 */
import { parseHaproxyCsv, type ServerStats } from '../console/haproxy-stats.ts';

/**
 * drain / ready: the administrative state. health-up: the health check's verdict set to
 * UP at once (the form's `hrunn`, "Health: force UP"), for a server whose own
 * healthcheck the caller has just seen pass: HAProxy's check would need `rise 2` × `inter
 * 1s` more after a restart it noticed, and `npm run dev` has 2 s in all (issue 23).
 * HAProxy keeps checking, so a server that is not in fact healthy goes DOWN again.
 */
export type ServerAdminState = 'drain' | 'ready' | 'health-up';
const FORM_ACTION: Record<ServerAdminState, string> = { drain: 'drain', ready: 'ready', 'health-up': 'hrunn' };

export interface ServerAdmin {
  servers(): Promise<ServerStats[]>;
  setState(backend: string, server: string, state: ServerAdminState): Promise<void>;
}

export interface ServerAdminOptions {
  statsUrl: string;
  credentials: { user: string; password: string };
  fetchImpl?: typeof fetch;
}

export function statsServerAdmin({ statsUrl, credentials, fetchImpl = fetch }: ServerAdminOptions): ServerAdmin {
  const authorization = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  const credentialsHint = 'HAPROXY_STATS_USER / HAPROXY_STATS_PASSWORD in .env are what haproxy.cfg was started with?';
  return {
    async servers() {
      const response = await fetchImpl(`${statsUrl}/;csv`, { headers: { authorization }, signal: AbortSignal.timeout(5000) });
      if (response.status !== 200) throw new Error(`HAProxy's stats CSV answered HTTP ${response.status} (${credentialsHint})`);
      return parseHaproxyCsv(await response.text());
    },
    async setState(backend, server, state) {
      const response = await fetchImpl(`${statsUrl}/`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ b: backend, s: server, action: FORM_ACTION[state] }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(5000),
      });
      await response.body?.cancel();
      const outcome = /;st=([A-Z]+)/.exec(response.headers.get('location') ?? '')?.[1];
      if (response.status !== 303 || outcome !== 'DONE') {
        throw new Error(`HAProxy did not set ${backend}/${server} to ${state}: HTTP ${response.status}, ${outcome ? `st=${outcome}` : 'no outcome'} (${credentialsHint} and \`stats admin\` in haproxy.cfg's stats listener)`);
      }
    },
  };
}
