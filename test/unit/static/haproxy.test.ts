import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../../services/catalog-api/config.ts';
import { MAX_UPLOAD_BYTES } from '../../../services/images/contract.ts';
import { requestIdOf } from '../../../services/kit/request-id.ts';
import { realExec } from '../../../scripts/lib/exec.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { EDGE_TLS_PEM_VARIABLE, edgeTlsVariables } from '../../../scripts/lib/tls/edge-tls-variables.ts';
import { realIssuer } from '../../../scripts/lib/tls/issue-certificates.ts';

/** Where compose.yaml's secret edge_tls puts the server certificate and key in the container. */
const CONTAINER_CERTIFICATE = '/usr/local/etc/haproxy/tls/edge.pem';
import { cleanEnv, exampleValues, fileMissing, requireOrSkip, toolMissing } from './tools.ts';

describe('haproxy/haproxy.cfg', () => {
  it('passes `haproxy -c`', { timeout: 30_000 }, async (ctx) => {
    requireOrSkip(ctx, fileMissing('haproxy/haproxy.cfg'));
    requireOrSkip(ctx, await toolMissing('haproxy', ['-v']));
    // HAProxy loads the TLS certificate while checking: a real one from the CA code, at a
    // temporary path in place of the container's (the cfg is otherwise used as it is).
    const dir = mkdtempSync(join(tmpdir(), 'haproxy-check-'));
    try {
      const ca = await realIssuer.createCa(Date.now(), 'haproxy -c');
      const server = await realIssuer.issueServer(ca, Date.now());
      writeFileSync(join(dir, 'edge.pem'), edgeTlsVariables({ serverCertificate: server.certificate, serverKey: server.key })[EDGE_TLS_PEM_VARIABLE]!);
      const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');
      expect(cfg).toContain(` crt ${CONTAINER_CERTIFICATE} `);
      writeFileSync(join(dir, 'haproxy.cfg'), cfg.replaceAll(CONTAINER_CERTIFICATE, join(dir, 'edge.pem')));
      // The cfg reads the stats credentials from the environment, as in the container.
      const result = await realExec('haproxy', ['-c', '-f', join(dir, 'haproxy.cfg')], { env: { ...cleanEnv(), ...exampleValues() } });
      if (result.code !== 0) throw new Error(`haproxy -c failed:\n${result.stdout}${result.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an announced body over exactly the API's limit, and says the same number", () => {
    const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');
    const apiLimit = DEFAULT_BODY_LIMIT_BYTES;
    expect(cfg).toContain(`acl body_over_limit req.hdr_val(content-length) gt ${apiLimit}\n`);
    expect(cfg).toContain(`larger than the limit of ${apiLimit} bytes`);
    // The replicas run the default: a BODY_LIMIT_BYTES passed by Compose would leave HAProxy's number behind.
    expect(readFileSync(paths.composeFile, 'utf8')).not.toContain('BODY_LIMIT_BYTES');
  });

  it("refuses an announced image upload over exactly the image service's limit, and caches only /img/", () => {
    const images = sectionOf(readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8'), 'backend images');
    expect(images).toContain(`acl body_over_limit req.hdr_val(content-length) gt ${MAX_UPLOAD_BYTES}`);
    expect(images.find((line) => line.startsWith('http-request return status 413'))).toContain(`larger than the limit of ${MAX_UPLOAD_BYTES} bytes`);
    expect(images).toContain('http-request set-var(txn.image) int(1) if { path_beg /img/ } METH_GET');
  });

  it("always sets its own request id, of the shape the services keep, and never keeps a client's", () => {
    const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');
    const frontend = sectionOf(cfg, 'frontend http');
    const rules = frontend.filter((line) => /x-request-id/i.test(line));
    // Unconditional: no `if`/`unless` that would let a client's header through.
    expect(rules).toEqual(['http-request set-header X-Request-ID %[unique-id]', 'http-response set-header X-Request-ID %[unique-id]']);
    expect(frontend).toContain('unique-id-format %[uuid()]');
    // Nothing anywhere reads the client's header (a copy to another header, a log format).
    expect(cfg).not.toMatch(/req\.(f?hdr|hdr_cnt)\(x-request-id\)/i);
    // uuid() is a UUID v4: catalog-api keeps it rather than replacing it with its own.
    const edgeId = randomUUID();
    expect(requestIdOf(edgeId, () => 'replaced')).toBe(edgeId);
  });

  it('balances the services\' gRPC calls on an internal HTTP/2 frontend that compose never publishes', () => {
    const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');
    expect(sectionOf(cfg, 'frontend grpc_internal')).toContain('bind :50051 proto h2');
    for (const service of ['inventory', 'payment']) {
      const backend = sectionOf(cfg, `backend grpc_${service}`);
      // HTTP/2 to the server, the check over HTTP/1.1 to the kit's /healthz.
      expect(backend).toContain(`server ${service} ${service}:50051 proto h2 check port 3000 check-proto h1`);
      expect(backend).toContain('option httpchk GET /healthz');
    }
    expect(readFileSync(paths.composeFile, 'utf8')).not.toMatch(/:50051"/);
  });
});

/** The non-comment lines of one section, trimmed: from its header to the next section. */
function sectionOf(cfg: string, header: string): string[] {
  const lines = cfg.split('\n');
  const start = lines.findIndex((line) => line.trim() === header);
  if (start === -1) throw new Error(`haproxy.cfg has no section "${header}"`);
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const text = line.trim();
    if (text && !text.startsWith('#')) body.push(text);
  }
  return body;
}
