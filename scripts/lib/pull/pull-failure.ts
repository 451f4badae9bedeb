/**
 * Why an image pull failed, read from what Docker and Compose print. Four causes a
 * new laptop meets, each with its own fix; anything else is 'other' and keeps
 * Docker's words. The texts matched are the daemon's, as users report them, e.g.:
 * - unreachable: `Get "https://registry-1.docker.io/v2/": dial tcp: lookup
 *   registry-1.docker.io on 10.0.0.53:53: no such host`, `... net/http: request canceled
 *   while waiting for connection (Client.Timeout exceeded while awaiting headers)`
 *   (moby/moby#43224), `proxyconnect tcp: ... connection refused`, `x509: certificate
 *   signed by unknown authority` (a proxy that intercepts TLS);
 * - rate limit: `toomanyrequests: You have reached your pull rate limit. You may increase
 *   the limit by authenticating and upgrading` (docker/hub-feedback#2429);
 * - not found: `manifest for haproxy:9.9 not found: manifest unknown: manifest unknown`,
 *   `pull access denied for minio, repository does not exist or may require 'docker
 *   login'`;
 * - no space: `failed to register layer: Error processing tar file(exit status 1): write
 *   /usr/...: no space left on device` (moby/moby#32811).
 * No space is tested first: it can quote a path with any word in it.
 */

export type PullFailureCause = 'no-space' | 'rate-limit' | 'not-found' | 'unreachable' | 'other';

const PATTERNS: Array<[Exclude<PullFailureCause, 'other'>, RegExp]> = [
  ['no-space', /no space left on device/i],
  ['rate-limit', /toomanyrequests|too many requests|pull rate limit/i],
  ['not-found', /manifest unknown|manifest for \S+ not found|pull access denied|repository does not exist|: not found\b|name unknown/i],
  [
    'unreachable',
    /no such host|dial tcp|i\/o timeout|connection refused|connection reset|network is unreachable|no route to host|Client\.Timeout exceeded|TLS handshake timeout|proxyconnect|x509:|certificate signed by unknown authority|server misbehaving|temporary failure in name resolution|request canceled while waiting for connection/i,
  ],
];

export function classifyPullFailure(text: string): PullFailureCause {
  return PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
}

/** The registry host a failed request named (`Get "https://quay.io/v2/"` → quay.io), for the unreachable message. */
export function registryHostOf(text: string): string | undefined {
  return /https?:\/\/([^/"\s]+)\//.exec(text)?.[1] ?? /lookup ([^\s:]+)/.exec(text)?.[1];
}

/** The registry an image reference is pulled from: Docker Hub unless its first part names a host. */
export function registryOfImage(image: string): string {
  const first = image.split('/')[0] ?? '';
  const namesHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return namesHost ? first : 'registry-1.docker.io';
}

/** The line of Docker's output that says what went wrong: the last one naming an error, else the last. */
export function errorLineOf(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const line = [...lines].reverse().find((l) => /error|denied|not found|unknown|refused|timeout|toomanyrequests|no space/i.test(l)) ?? lines.at(-1) ?? '';
  return line.replace(/^Error response from daemon:\s*/, '').replace(/^\S+ Error\s+/, '');
}
