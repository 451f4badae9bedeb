/**
 * The edge's HTTPS certificate (.tls/, issue 22): its names, its issuer and its expiry,
 * with the fix. `up` renews it before the doctor runs, so inside `up` this is always ok;
 * `npm run doctor` on its own says what the next `up` will do. Pure: the facts and the
 * time come in (tls/inspect-certificates.ts reads the files).
 */
import { isoDay, serverProblem, type TlsFacts } from '../tls/certificate-plan.ts';
import { CA_RENEWAL_MARGIN_DAYS, DAY_MS, SERVER_NAMES, SERVER_RENEWAL_MARGIN_DAYS } from '../tls/certificate-policy.ts';
import { fail, ok, skip, warn, type CheckResult } from './check.ts';

const NAME = 'https certificate';
const RENEW = 'run `npm run up`: it issues a new certificate from the same CA and restarts HAProxy with it';

export interface TlsCheckInput {
  facts: TlsFacts;
  now: number;
  /** The CA key file's permission bits, where the platform has them (not on Windows). */
  caKeyMode?: number;
  /** The folder, for messages (.tls). */
  where: string;
}

export function tlsCheck({ facts, now, caKeyMode, where }: TlsCheckInput): CheckResult {
  const { ca, server } = facts;
  if (!ca.certificate && !ca.unreadable && !server.certificate && !server.unreadable) return skip(NAME, `none yet: \`npm run up\` creates this checkout's CA and the certificate in ${where}/`);
  if (caKeyMode !== undefined && (caKeyMode & 0o077) !== 0) {
    return fail(NAME, `${where}/ca.key is readable by other users (mode ${caKeyMode.toString(8).padStart(4, '0')}): whoever reads it can make certificates your browser trusts`, `chmod 600 ${where}/ca.key`);
  }
  const problem = serverProblem(server, now);
  if (problem !== undefined) {
    const certificate = server.certificate;
    // Expired, another CA's, or names missing: HTTPS fails in every client until `up` renews it.
    const broken = !certificate || now >= certificate.notAfter || !certificate.issuedByCa || certificate.namesCovered.length < SERVER_NAMES.length;
    return (broken ? fail : warn)(NAME, `the certificate in ${where}/server.crt: ${problem}`, RENEW);
  }
  const daysLeft = (time: number) => Math.floor((time - now) / DAY_MS);
  const caEnd = ca.certificate?.notAfter ?? 0;
  const summary = `names ${SERVER_NAMES.join(', ')}, valid until ${isoDay(server.certificate!.notAfter)} (${daysLeft(server.certificate!.notAfter)} days; \`up\` renews it ${SERVER_RENEWAL_MARGIN_DAYS} days before)`;
  if (daysLeft(caEnd) < CA_RENEWAL_MARGIN_DAYS) {
    return warn(NAME, `${summary}; the CA expires on ${isoDay(caEnd)}`, 'run `npm run up` (it makes a new CA), then `npm run tls:trust` to trust the new one');
  }
  return ok(NAME, summary);
}
