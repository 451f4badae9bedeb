/**
 * The `local` target's ingress TLS Secret, issued from this checkout's CA: the one `up`
 * makes in .tls/ for https://localhost, so a browser that trusts it (`npm run tls:trust`)
 * trusts https://booking.localtest.me on kind too, and `curl --cacert .tls/ca.crt` needs
 * no -k. The certificate names the target's host only. Only `npm run k8s:secrets` calls
 * it: the key goes to a git-ignored file, never into k8s/. The CA, the issuer and the
 * clock come in as parameters (test/unit/k8s/ingress-tls.test.ts passes an in-memory CA).
 */
import type { ISecret } from 'kubernetes-models/v1/Secret';
import { ensureCertificates, outcomeLines } from '../tls/ensure-certificates.ts';
import type { CertificateIssuer, IssuedPair } from '../tls/issue-certificates.ts';
import type { TlsStore } from '../tls/tls-files.ts';
import { k8sNames } from './names.ts';
import type { K8sTarget } from './targets.ts';

export interface IngressTlsDeps {
  store: TlsStore;
  issuer: CertificateIssuer;
  now: () => number;
}

export interface IngressTls {
  secret: ISecret;
  /** What happened to .tls/ on the way (a CA created on a fresh checkout), as `up` says it. */
  lines: string[];
}

export async function localCaIngressTls(target: K8sTarget, { store, issuer, now }: IngressTlsDeps): Promise<IngressTls> {
  // The same step as `up`'s: a fresh checkout gets its CA here, an existing one is kept as it is.
  const outcome = await ensureCertificates({ store, issuer, now });
  const { caCertificate, caKey } = outcome.files;
  const pair = await issuer.issueServer({ certificate: caCertificate, key: caKey }, now(), [target.host]);
  return { secret: tlsSecret(target, pair), lines: outcomeLines(outcome, store.describe) };
}

/** The Secret the Ingresses and the controller's default certificate name (k8sNames.secrets.tls). */
export function tlsSecret(target: K8sTarget, pair: IssuedPair): ISecret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: k8sNames.secrets.tls, namespace: target.namespace, labels: { 'app.kubernetes.io/part-of': 'booking-devstack' } },
    type: 'kubernetes.io/tls',
    stringData: { 'tls.crt': pair.certificate, 'tls.key': pair.key },
  };
}
