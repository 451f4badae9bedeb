/**
 * The API client of a host command, over HAProxy's plain HTTP port or, with `--https`,
 * its TLS port: then the client trusts this checkout's CA (.tls/ca.crt) and nothing
 * else, with verification on (tls/trusting-fetch.ts).
 */
import type { StackConfig } from '../config/stack-config.ts';
import { paths } from '../paths.ts';
import { fetchTrustingCa, readCaCertificate } from '../tls/trusting-fetch.ts';
import { createApiClient, type ApiClient } from './api-client.ts';

/** The option a command offers for it, the same words everywhere. */
export const HTTPS_OPTION = { https: { type: 'boolean', description: "through HAProxy's HTTPS port, trusting this checkout's CA (.tls/ca.crt) with verification on" } } as const;

export interface EdgeClientOptions {
  /** Where the CA is (.tls/ unless a test says otherwise). */
  tlsDir?: string;
  /** The API client's per-request timeout (api-client.ts's default unless given). */
  timeoutMs?: number;
}

export function edgeApiClient(stack: StackConfig, https: boolean, { tlsDir = paths.tlsDir, timeoutMs }: EdgeClientOptions = {}): { api: ApiClient; baseUrl: string } {
  if (!https) return { api: createApiClient(stack.urls.api, fetch, timeoutMs), baseUrl: stack.urls.api };
  return { api: createApiClient(stack.urls.apiHttps, fetchTrustingCa(readCaCertificate(tlsDir)), timeoutMs), baseUrl: stack.urls.apiHttps };
}
