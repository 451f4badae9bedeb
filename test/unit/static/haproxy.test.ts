import { describe, it } from 'vitest';
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
});
