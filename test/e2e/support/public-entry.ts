/**
 * Kafka Connect must never answer through HAProxy's public entry. Since the front end
 * answers every page path with index.html (200), a status code no longer proves it:
 * the check is on the content — the front end's page, or catalog-api's 404 JSON under
 * /api/ — and never Connect's own answer (a JSON list of connector names).
 */
import { expect } from 'vitest';

const CONNECT_PATHS = ['/connectors', '/connectors/', '/api/connectors', '/api/../connectors', '/connectors?expand=status'];

export async function expectConnectUnreachable(base: string, connectorName: string): Promise<void> {
  for (const path of CONNECT_PATHS) {
    const response = await fetch(`${base}${path}`);
    const body = await response.text();
    expect(body, path).not.toContain(connectorName);
    expect(body.trimStart().startsWith('['), `${path} answered a JSON list: ${body.slice(0, 200)}`).toBe(false);
    if (new URL(`${base}${path}`).pathname.startsWith('/api/')) {
      expect(response.status, path).toBe(404);
      expect(JSON.parse(body), path).toMatchObject({ error: { code: 'not_found' } });
    } else {
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(body, path).toContain('<div id="root"></div>');
    }
  }
}
