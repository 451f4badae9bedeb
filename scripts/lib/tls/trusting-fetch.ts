/**
 * How the orchestrator's own clients (smoke, console, bench) talk HTTPS to the stack:
 * a fetch whose connections trust this checkout's CA, and only it. Verification stays on
 * (no rejectUnauthorized: false anywhere): a certificate from any other issuer, or one
 * not naming the host, fails as it would in a browser. undici's own fetch with an Agent
 * that carries the CA: Node's global fetch takes a dispatcher too, but it belongs to the
 * undici bundled in Node, whose version need not match this package's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { UserError } from '../errors.ts';
import { TLS_FILE_NAMES } from './tls-files.ts';

export function fetchTrustingCa(caCertificate: string): typeof fetch {
  const dispatcher = new Agent({ connect: { ca: caCertificate } });
  const trusting = (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => undiciFetch(input as never, { ...(init as object), dispatcher });
  return trusting as unknown as typeof fetch;
}

/** The CA's certificate (public) from `.tls/`; a clear error when `up` has not made it yet. */
export function readCaCertificate(dir: string): string {
  const path = join(dir, TLS_FILE_NAMES.caCertificate);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`there is no local CA certificate at ${path}`, 'run `npm run up`, which creates the CA and the HTTPS certificate');
  }
}
