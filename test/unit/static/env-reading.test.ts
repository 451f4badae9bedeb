/**
 * The orchestrator and Compose read the same env files to the same values: a tricky
 * .env (with `$$`, `${X}`, `$X`, defaults, quotes, `#`) goes through the real
 * `docker compose config` and through loadConfig, key by key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { randomPassword } from '../../../scripts/lib/config/ensure-env-file.ts';
import { loadConfig } from '../../../scripts/lib/config/load-config.ts';
import { realExec } from '../../../scripts/lib/exec.ts';
import { cleanEnv, requireOrSkip, toolMissing } from './tools.ts';

const generated = randomPassword();

// Stands in for compose/versions.env: the first --env-file.
const firstFile = ['ENVT_BASE=base', 'ENVT_EMPTY=', 'ENVT_SHELL=from-first-file'];

const trickyFile = [
  '# a comment, then a blank line',
  '',
  'ENVT_DOLLAR=pa$$word',
  'ENVT_PLAIN=$ENVT_BASE.suffix',
  'ENVT_BRACED=${ENVT_BASE}-${ENVT_SHELL}',
  'ENVT_DEFAULT=${ENVT_NOPE:-fallback}',
  'ENVT_DASH_DEFAULT=[${ENVT_EMPTY-unused}]',
  'ENVT_ALTERNATIVE=${ENVT_BASE:+alt}${ENVT_NOPE+never}',
  'ENVT_NESTED=${ENVT_NOPE:-${ENVT_BASE}-$ENVT_BASE}}',
  'ENVT_REQUIRED=${ENVT_BASE:?must be set}',
  'ENVT_SAME_FILE=$ENVT_DOLLAR!',
  'ENVT_LONE_DOLLARS=cost 5$ and $1 and $- and $é',
  "ENVT_SINGLE='lit $ENVT_BASE # kept \\' quote \\n'",
  'ENVT_DOUBLE="dq $ENVT_BASE \\$ENVT_BASE \\\\ \\" # kept\\ttab"',
  'ENVT_DOUBLE_COMMENT="q" # comment',
  'ENVT_INLINE=value # comment',
  'ENVT_HASH=a#b',
  'ENVT_TAB_HASH=a\t#b',
  'export ENVT_EXPORTED=yes',
  'ENVT_SPACES =   spaced value   ',
  'ENVT_SHELL=from-file',
  'ENVT_CRLF=crlf\r',
  // What ensure-env-file.ts writes into a new .env.
  `ENVT_GENERATED=${generated}`,
];

const shell = { ENVT_SHELL: 'from-shell' };

const dir = mkdtempSync(join(tmpdir(), 'env-reading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keysOf(lines: string[]): string[] {
  return lines.flatMap((line) => /^(?:export )?(ENVT_[A-Z_]+)\s*=/.exec(line)?.[1] ?? []);
}

describe('reading .env', () => {
  it('gives every variable the value `docker compose config` gives it', { timeout: 60_000 }, async (ctx) => {
    requireOrSkip(ctx, await toolMissing('docker', ['compose', 'version']));
    const first = join(dir, 'first.env');
    const tricky = join(dir, 'tricky.env');
    const composeFile = join(dir, 'compose.yaml');
    writeFileSync(first, `${firstFile.join('\n')}\n`);
    writeFileSync(tricky, `${trickyFile.join('\n')}\n`);
    const keys = [...new Set([...keysOf(firstFile), ...keysOf(trickyFile)])];
    // Each variable into an environment map; `$${KEY}` would be literal, so `${KEY}`.
    writeFileSync(composeFile, ['name: env-reading', 'services:', '  probe:', '    image: env-reading-never-pulled', '    environment:', ...keys.map((key) => `      ${key}: \${${key}}`), ''].join('\n'));
    const env = { ...cleanEnv(), ...shell };

    const result = await realExec('docker', ['compose', '--env-file', first, '--env-file', tricky, '-f', composeFile, 'config', '--format', 'json'], { env, timeoutMs: 30_000 });
    expect(result.stderr).not.toContain('variable is not set');
    expect(result.code, result.stderr).toBe(0);
    const model = JSON.parse(result.stdout) as { services: { probe: { environment: Record<string, string | null> } } };
    // `config` doubles every `$` in its output, so that the output reads back as the same model.
    const composeReading = Object.fromEntries(Object.entries(model.services.probe.environment).map(([key, value]) => [key, (value ?? '').replaceAll('$$', '$')]));

    const { config, errors } = loadConfig({ files: [first, tricky], env, root: dir });
    expect(errors).toEqual([]);
    const orchestratorReading = Object.fromEntries(keys.map((key) => [key, config.values[key]]));
    expect(orchestratorReading).toEqual(composeReading);
    // The fixture is tricky: spot-check that the files really exercised the rules.
    expect(composeReading).toMatchObject({ ENVT_DOLLAR: 'pa$word', ENVT_BRACED: 'base-from-shell', ENVT_SINGLE: "lit $ENVT_BASE # kept ' quote \\n", ENVT_GENERATED: generated });
  });
});
