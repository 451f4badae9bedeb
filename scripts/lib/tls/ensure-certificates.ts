/**
 * `up`'s first step: make `.tls/` hold a CA and a fitting server certificate, creating
 * or renewing what certificate-plan.ts says, and nothing else. The file system, the
 * clock and the issuer come in as parameters (unit tests pass fakes).
 */
import { X509Certificate } from 'node:crypto';
import { hostname } from 'node:os';
import { isoDay, planCertificates, type CertificatePlan } from './certificate-plan.ts';
import { SERVER_NAMES, SERVER_RENEWAL_MARGIN_DAYS } from './certificate-policy.ts';
import { inspectCertificates } from './inspect-certificates.ts';
import type { CertificateIssuer } from './issue-certificates.ts';
import type { TlsFiles, TlsStore } from './tls-files.ts';

export interface EnsureOutcome {
  plan: CertificatePlan;
  /** The files as they are now. */
  files: Required<TlsFiles>;
}

export interface EnsureDeps {
  store: TlsStore;
  now: () => number;
  issuer: CertificateIssuer;
  /** Names the CA in the user's trust store, so several checkouts' CAs can be told apart. */
  label?: string;
}

export async function ensureCertificates({ store, now, issuer, label = hostname() }: EnsureDeps): Promise<EnsureOutcome> {
  const files = await store.readAll();
  const time = now();
  const plan = planCertificates(inspectCertificates(files), time);
  if (plan.newCa !== undefined) {
    const ca = await issuer.createCa(time, label);
    // The key first: a crash between the two writes leaves a key that is not the certificate's
    // (or no certificate), which inspect-certificates.ts reports and the next run replaces.
    await store.write('caKey', ca.key);
    await store.write('caCertificate', ca.certificate);
    Object.assign(files, { caKey: ca.key, caCertificate: ca.certificate });
  }
  if (plan.newServer !== undefined) {
    const server = await issuer.issueServer({ certificate: files.caCertificate!, key: files.caKey! }, time);
    await store.write('serverKey', server.key);
    await store.write('serverCertificate', server.certificate);
    Object.assign(files, { serverKey: server.key, serverCertificate: server.certificate });
  }
  return { plan, files: files as Required<TlsFiles> };
}

/** What `up` says about it: nothing when everything was kept. */
export function outcomeLines({ plan, files }: EnsureOutcome, describe: TlsStore['describe']): string[] {
  const lines: string[] = [];
  if (plan.newCa !== undefined) {
    lines.push(`created this checkout's certificate authority (${plan.newCa}): ${describe('caCertificate')}, its key beside it (mode 0600, never leaves this folder)`);
    lines.push('  browsers trust https://localhost once you run `npm run tls:trust` (again after a new CA)');
  }
  if (plan.newServer !== undefined) {
    const until = isoDay(Date.parse(new X509Certificate(files.serverCertificate).validTo));
    lines.push(`issued the HTTPS certificate for ${SERVER_NAMES.join(', ')} (${plan.newServer}), valid until ${until}; \`npm run up\` renews it ${SERVER_RENEWAL_MARGIN_DAYS} days before`);
  }
  return lines;
}
