/**
 * Given what `.tls/` holds and the time, what `up` has to create: pure, so every case
 * (first run, expiry near, a renewed CA, a lost key, names changed by a new release) is
 * a unit test with no key, file or clock (test/unit/tls/certificate-plan.test.ts).
 */
import { CA_RENEWAL_MARGIN_DAYS, DAY_MS, SERVER_NAMES, SERVER_RENEWAL_MARGIN_DAYS } from './certificate-policy.ts';

/** One certificate as the inspector read it (inspect-certificates.ts). */
export interface CertificateFacts {
  notBefore: number;
  notAfter: number;
  /** SHA-256 of the DER, as Node's X509Certificate prints it (AB:CD:...). */
  fingerprint256: string;
}

export interface ServerFacts extends CertificateFacts {
  /** Which of SERVER_NAMES the certificate covers (checked with Node's checkHost/checkIP). */
  namesCovered: string[];
  /** Signed by the CA now on disk (its signature verifies with the CA's key). */
  issuedByCa: boolean;
}

/** What is on disk; `unreadable` when a file exists but is no certificate. */
export interface TlsFacts {
  /** keyMatches: false when the key on disk is not the certificate's (undefined: not both readable). */
  ca: { certificate?: CertificateFacts; unreadable?: boolean; hasKey: boolean; keyMatches?: boolean };
  server: { certificate?: ServerFacts; unreadable?: boolean; hasKey: boolean; keyMatches?: boolean };
}

export interface CertificatePlan {
  /** Why a new CA is needed; undefined: keep it. A new CA must be trusted again (tls:trust). */
  newCa?: string;
  /** Why a new server certificate is needed; undefined: keep it. */
  newServer?: string;
}

export function planCertificates(facts: TlsFacts, now: number): CertificatePlan {
  const newCa = caProblem(facts.ca, now);
  // A new CA invalidates the server certificate it would not have signed.
  const newServer = newCa !== undefined ? 'the CA is new' : serverProblem(facts.server, now);
  return { ...(newCa === undefined ? {} : { newCa }), ...(newServer === undefined ? {} : { newServer }) };
}

function caProblem(ca: TlsFacts['ca'], now: number): string | undefined {
  if (ca.unreadable) return 'ca.crt is not a readable certificate';
  if (!ca.certificate) return 'there is no CA yet';
  if (!ca.hasKey) return 'the CA key (ca.key) is missing';
  if (ca.keyMatches === false) return 'the CA key (ca.key) is not the key of ca.crt';
  return lifetimeProblem('the CA', ca.certificate, now, CA_RENEWAL_MARGIN_DAYS);
}

/** The server certificate's problem, undefined when it is fit; the doctor reports the same words. */
export function serverProblem(server: TlsFacts['server'], now: number): string | undefined {
  if (server.unreadable) return 'server.crt is not a readable certificate';
  if (!server.certificate) return 'there is no server certificate yet';
  if (!server.hasKey) return 'the server key (server.key) is missing';
  if (server.keyMatches === false) return 'the server key (server.key) is not the key of server.crt';
  const missing = SERVER_NAMES.filter((name) => !server.certificate!.namesCovered.includes(name));
  if (missing.length > 0) return `it does not name ${missing.join(', ')}`;
  if (!server.certificate.issuedByCa) return 'it was not issued by the CA in .tls/ca.crt';
  return lifetimeProblem('it', server.certificate, now, SERVER_RENEWAL_MARGIN_DAYS);
}

function lifetimeProblem(what: string, certificate: CertificateFacts, now: number, marginDays: number): string | undefined {
  if (now < certificate.notBefore) return `${what} is not valid yet (the clock went back?)`;
  if (now >= certificate.notAfter) return `${what} expired on ${isoDay(certificate.notAfter)}`;
  const daysLeft = Math.floor((certificate.notAfter - now) / DAY_MS);
  if (daysLeft < marginDays) return `${what} expires on ${isoDay(certificate.notAfter)}, in ${daysLeft} days (renewed within ${marginDays} days of expiry)`;
  return undefined;
}

export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
