/**
 * A first visit's connections, as a browser opens them: new ones for each visit (TCP, and
 * for HTTPS the full TLS handshake: no pooled socket, no resumed session), up to six per
 * origin over HTTP/1.1 (Chromium's limit), one multiplexed connection over h2. The client
 * trusts this checkout's CA only, verification on (as tls/trusting-fetch.ts), and records
 * the protocol each connection negotiated (ALPN), so a figure labelled h2 was measured
 * over h2. undici 6's HTTP/2 (allowH2) is opt-in; the connector's ALPN offer is what
 * decides it: https://undici.nodejs.org/#/docs/api/Client.md (allowH2).
 */
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';

/** How a visit reaches HAProxy: its plain port, or its TLS port with HTTP/1.1 or h2 offered. */
export type VisitProtocol = 'http/1.1' | 'https http/1.1' | 'https h2';

/** The ALPN answer a protocol must get; plain HTTP has none and counts as http/1.1. */
export const EXPECTED_ALPN: Record<VisitProtocol, string> = { 'http/1.1': 'http/1.1', 'https http/1.1': 'http/1.1', 'https h2': 'h2' };

export interface VisitClient {
  fetch: typeof fetch;
  /** The protocol of every connection opened so far. */
  negotiated(): string[];
  close(): Promise<void>;
}

/** Chromium's connections per host over HTTP/1.1. */
const HTTP1_CONNECTIONS = 6;

export function openVisitClient(protocol: VisitProtocol, caCertificate?: string): VisitClient {
  const h2 = protocol === 'https h2';
  const negotiated: string[] = [];
  // A connector of its own: its TLS session cache starts empty, so every visit pays a full handshake.
  const connector = buildConnector({ ...(caCertificate === undefined ? {} : { ca: caCertificate }), allowH2: h2 });
  const agent = new Agent({
    allowH2: h2,
    connections: h2 ? 1 : HTTP1_CONNECTIONS,
    connect: (options, callback) =>
      connector(options, (...outcome) => {
        if (outcome[1]) negotiated.push((outcome[1] as TLSSocket).alpnProtocol || 'http/1.1');
        callback(...outcome);
      }),
  });
  const visitFetch = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => undiciFetch(input as never, { ...(init as object), dispatcher: agent });
  return { fetch: visitFetch as unknown as typeof fetch, negotiated: () => [...negotiated], close: () => agent.close() };
}
