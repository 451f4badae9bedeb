import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localCaIngressTls } from '../../../scripts/lib/k8s/ingress-tls.ts';
import { certificateAnnotations, ingresses } from '../../../scripts/lib/k8s/manifests/ingress.ts';
import { k8sContext } from '../../../scripts/lib/k8s/context.ts';
import { targets } from '../../../scripts/lib/k8s/targets.ts';
import { ensureCertificates } from '../../../scripts/lib/tls/ensure-certificates.ts';
import { realIssuer } from '../../../scripts/lib/tls/issue-certificates.ts';
import { memoryStore } from '../helpers/memory-tls-store.ts';

const now = () => Date.UTC(2026, 11, 7, 12, 0, 0);

describe("the local target's ingress certificate (in-memory .tls/, real issuer)", () => {
  it("is issued by the CA `up` already made, names the ingress host only, and leaves .tls/ as it was", async () => {
    const disk = memoryStore();
    await ensureCertificates({ store: disk.store, issuer: realIssuer, now, label: 'test' });
    const before = { ...disk.files };
    const { secret, lines } = await localCaIngressTls(targets.local, { store: disk.store, issuer: realIssuer, now });

    expect(secret).toMatchObject({ kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'booking-tls', namespace: 'booking' } });
    const certificate = new X509Certificate(secret.stringData!['tls.crt']!);
    expect(certificate.verify(new X509Certificate(before.caCertificate!).publicKey)).toBe(true);
    expect(certificate.checkHost('booking.localtest.me')).toBe('booking.localtest.me');
    expect(certificate.checkHost('localhost')).toBeUndefined();
    expect(secret.stringData!['tls.key']).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    // Its own key, not the edge's: the two certificates can be renewed apart.
    expect(secret.stringData!['tls.key']).not.toBe(before.serverKey);
    expect(disk.files).toEqual(before);
    expect(lines).toEqual([]);
  });

  it('makes the CA first on a checkout that never ran up, and says so as up does', async () => {
    const disk = memoryStore();
    const { secret, lines } = await localCaIngressTls(targets.local, { store: disk.store, issuer: realIssuer, now });
    expect(new X509Certificate(secret.stringData!['tls.crt']!).checkIssued(new X509Certificate(disk.files.caCertificate!))).toBe(true);
    expect(lines.join('\n')).toContain('npm run tls:trust');
  });
});

describe('where each target takes the ingress certificate from', () => {
  it('local: no cert-manager annotation (the Secret comes from k8s:secrets); shared: one Ingress asks its ClusterIssuer', () => {
    const annotated = (target: keyof typeof targets) =>
      ingresses(k8sContext(targets[target])).filter((ingress) => ingress.metadata!.annotations!['cert-manager.io/cluster-issuer'] !== undefined).map((ingress) => ingress.metadata!.name);
    expect(annotated('local')).toEqual([]);
    expect(annotated('shared')).toEqual(['booking-web']);
    expect(certificateAnnotations(k8sContext(targets.shared))).toEqual({ 'cert-manager.io/cluster-issuer': 'booking-issuer' });
  });
});
