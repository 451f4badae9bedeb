/**
 * How the server certificate reaches HAProxy: as content, never as a host file. Compose
 * gets the certificate and key in one variable (EDGE_TLS_PEM) and copies it into the
 * container as the secret `edge_tls` (compose.yaml), a file in the container's own layer
 * with the owner and mode compose.yaml gives it. A bind mount would carry the host
 * file's owner and mode: on Linux the container's haproxy user (uid 99 in the official
 * image, 100 in CI's Debian one) could not read the 0600 key of the host user, unless
 * the key were made readable by every local user; Docker Desktop (macOS, Windows)
 * shows host files with other owners and modes again. Content sidesteps both, so one
 * setup works everywhere, and `.tls/` (with the CA key) is never mounted at all.
 * The fingerprint goes to HAProxy's environment too: Compose does not count a secret's
 * content in the service's configuration hash, so without it a renewed certificate would
 * not recreate the container.
 */
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { TLS_FILE_NAMES, type TlsFiles } from './tls-files.ts';

export const EDGE_TLS_PEM_VARIABLE = 'EDGE_TLS_PEM';
export const EDGE_TLS_FINGERPRINT_VARIABLE = 'EDGE_TLS_FINGERPRINT';

/** The variables for Compose; none when there is no server pair yet (`up` creates it before it starts anything). */
export function edgeTlsVariables(files: Pick<TlsFiles, 'serverCertificate' | 'serverKey'>): Record<string, string> {
  if (!files.serverCertificate || !files.serverKey) return {};
  let fingerprint: string;
  try {
    fingerprint = new X509Certificate(files.serverCertificate).fingerprint256;
  } catch {
    return {};
  }
  // HAProxy reads the certificate and its key from one PEM file (configuration.txt, `crt`).
  return { [EDGE_TLS_PEM_VARIABLE]: `${files.serverCertificate.trimEnd()}\n${files.serverKey.trimEnd()}\n`, [EDGE_TLS_FINGERPRINT_VARIABLE]: fingerprint };
}

/** The same, read from the folder now (the Compose adapter is set up synchronously). */
export function readEdgeTlsVariables(dir: string): Record<string, string> {
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  return edgeTlsVariables({ serverCertificate: read(TLS_FILE_NAMES.serverCertificate), serverKey: read(TLS_FILE_NAMES.serverKey) });
}
