import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../../services/catalog-api/config.ts';
import { realExec } from '../../../scripts/lib/exec.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { cleanEnv, exampleValues, fileMissing, requireOrSkip, toolMissing } from './tools.ts';

describe('haproxy/haproxy.cfg', () => {
  it('passes `haproxy -c`', { timeout: 30_000 }, async (ctx) => {
    requireOrSkip(ctx, fileMissing('haproxy/haproxy.cfg'));
    requireOrSkip(ctx, await toolMissing('haproxy', ['-v']));
    // The cfg reads the stats credentials from the environment, as in the container.
    const result = await realExec('haproxy', ['-c', '-f', `${paths.repoRoot}/haproxy/haproxy.cfg`], { env: { ...cleanEnv(), ...exampleValues() } });
    if (result.code !== 0) throw new Error(`haproxy -c failed:\n${result.stdout}${result.stderr}`);
  });

  it("refuses an announced body over exactly the API's limit, and says the same number", () => {
    const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');
    const apiLimit = DEFAULT_BODY_LIMIT_BYTES;
    expect(cfg).toContain(`acl body_over_limit req.hdr_val(content-length) gt ${apiLimit}\n`);
    expect(cfg).toContain(`larger than the limit of ${apiLimit} bytes`);
    // The replicas run the default: a BODY_LIMIT_BYTES passed by Compose would leave HAProxy's number behind.
    expect(readFileSync(paths.composeFile, 'utf8')).not.toContain('BODY_LIMIT_BYTES');
  });
});
