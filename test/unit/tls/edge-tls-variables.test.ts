import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { edgeTlsVariables } from '../../../scripts/lib/tls/edge-tls-variables.ts';
import { realIssuer } from '../../../scripts/lib/tls/issue-certificates.ts';

describe('edgeTlsVariables (the server pair as content for Compose)', async () => {
  const ca = await realIssuer.createCa(Date.now(), 'test');
  const server = await realIssuer.issueServer(ca, Date.now());

  it('gives HAProxy one PEM, certificate then key, and names the certificate by its fingerprint', () => {
    const variables = edgeTlsVariables({ serverCertificate: server.certificate, serverKey: server.key });
    expect(variables.EDGE_TLS_PEM).toBe(`${server.certificate.trimEnd()}\n${server.key.trimEnd()}\n`);
    expect(variables.EDGE_TLS_PEM).not.toContain(ca.key.trim());
    expect(variables.EDGE_TLS_FINGERPRINT).toBe(new X509Certificate(server.certificate).fingerprint256);
  });

  it('gives nothing before `up` made the pair, or for a file that is no certificate', () => {
    expect(edgeTlsVariables({})).toEqual({});
    expect(edgeTlsVariables({ serverCertificate: server.certificate })).toEqual({});
    expect(edgeTlsVariables({ serverCertificate: 'garbage', serverKey: server.key })).toEqual({});
  });
});
