/**
 * Reads `.tls/` into facts for certificate-plan.ts and the doctor, with Node's own
 * X509Certificate (no library): validity, fingerprint, the names it covers and whether
 * the CA on disk signed it.
 */
import { isIP } from 'node:net';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { CertificateFacts, ServerFacts, TlsFacts } from './certificate-plan.ts';
import { SERVER_NAMES } from './certificate-policy.ts';
import type { TlsFiles } from './tls-files.ts';

export function inspectCertificates(files: TlsFiles): TlsFacts {
  const ca = parse(files.caCertificate);
  const server = parse(files.serverCertificate);
  return {
    ca: { ...certificateFacts(ca), hasKey: Boolean(files.caKey), ...keyFacts(files.caKey, ca) },
    server: { ...serverFacts(server, ca), hasKey: Boolean(files.serverKey), ...keyFacts(files.serverKey, server) },
  };
}

/**
 * Whether the key on disk is the certificate's: a crash between writing a new key and its
 * certificate, or a file copied from another checkout, leaves a pair that looks whole but
 * signs nothing the certificate vouches for.
 */
function keyFacts(keyPem: string | undefined, certificate: Parsed): { keyMatches?: boolean } {
  if (keyPem === undefined || !(certificate instanceof X509Certificate)) return {};
  try {
    return { keyMatches: certificate.checkPrivateKey(createPrivateKey(keyPem)) };
  } catch {
    return { keyMatches: false };
  }
}

type Parsed = X509Certificate | 'unreadable' | undefined;

function parse(pem: string | undefined): Parsed {
  if (pem === undefined) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return 'unreadable';
  }
}

function certificateFacts(parsed: Parsed): { certificate?: CertificateFacts; unreadable?: boolean } {
  if (parsed === undefined) return {};
  if (parsed === 'unreadable') return { unreadable: true };
  return { certificate: factsOf(parsed) };
}

function serverFacts(parsed: Parsed, ca: Parsed): { certificate?: ServerFacts; unreadable?: boolean } {
  if (parsed === undefined) return {};
  if (parsed === 'unreadable') return { unreadable: true };
  const issuedByCa = ca instanceof X509Certificate && parsed.checkIssued(ca) && parsed.verify(ca.publicKey);
  return { certificate: { ...factsOf(parsed), namesCovered: SERVER_NAMES.filter((name) => covers(parsed, name)), issuedByCa } };
}

function factsOf(certificate: X509Certificate): CertificateFacts {
  return { notBefore: Date.parse(certificate.validFrom), notAfter: Date.parse(certificate.validTo), fingerprint256: certificate.fingerprint256 };
}

/** By the subject alternative names only, as browsers match (the subject's CN is ignored). */
function covers(certificate: X509Certificate, name: string): boolean {
  if (isIP(name)) return certificate.checkIP(name) !== undefined;
  return certificate.checkHost(name, { subject: 'never' }) !== undefined;
}
