/**
 * `up` builds a local image only when its sources changed (issue 12), against the real
 * Docker: a new file in services/ makes a healthy stack's `up` rebuild
 * booking-devstack/services:<project> (reported on its own line), label it with the new
 * fingerprint, and recreate what runs it; the next `up` is a no-op again. Removing the
 * file restores the old fingerprint, so the image is built again (from the cache).
 * An image built by `npm run build:images` while the stack runs is taken up by the
 * next `up`, which recreates the services still on the older build.
 *
 * Borrows the stack; runs after the files that share it (support/file-order.ts),
 * since it recreates the services.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localBuildsOf, SOURCE_LABEL } from '../../scripts/lib/build/local-builds.ts';
import { localImageTagOf } from '../../scripts/lib/config/stack-config.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { api } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { runCli } from './support/run-cli.ts';
import { docker, urls } from './support/running-stack.ts';

// In a folder only the services image takes: the web image now takes services/lib (the page's
// stay rules), so a probe there rebuilt both images (CI15).
const probe = join(paths.repoRoot, 'services', 'kit', 'build-probe-e2e.ts');
// This project's own images (tagged with COMPOSE_PROJECT_NAME, as `up` tags them).
const [servicesImage, webImage] = localBuildsOf(localImageTagOf(process.env)).map((build) => build.image);

beforeAll(async () => {
  await borrowStack();
});

afterAll(async () => {
  rmSync(probe, { force: true });
  // Back to the checkout's own sources (a build from the cache), then as found.
  const restored = await runCli(['up']);
  if (restored.code !== 0) throw new Error(`up after removing the probe file failed:\n${restored.output}`);
});

const sourceLabel = (image: string) => docker(['image', 'inspect', '--format', `{{index .Config.Labels "${SOURCE_LABEL}"}}`, image]).trim();

describe('local images', () => {
  test('are rebuilt by up when their sources change, and only then', async () => {
    const before = sourceLabel(servicesImage!);
    expect(before).toMatch(/^[0-9a-f]{16}$/);

    writeFileSync(probe, `// Written by test/e2e/local-builds.e2e.test.ts; removed by it.\nexport const buildProbe = ${Date.now()};\n`);
    const rebuilt = await runCli(['up']);
    expect(rebuilt.code, rebuilt.output).toBe(0);
    expect(rebuilt.output).toContain(`building ${servicesImage} (sources changed)`);
    expect(rebuilt.output).not.toContain(`${webImage} (sources changed)`);
    expect(rebuilt.output).toMatch(/built in [\d.]+ (ms|s)/);
    const after = sourceLabel(servicesImage!);
    expect(after).toMatch(/^[0-9a-f]{16}$/);
    expect(after).not.toBe(before);
    // The services run the new image: the API answers through HAProxy.
    expect((await api(urls().api, 'GET', '/api/healthz')).status).toBe(200);

    const again = await runCli(['up']);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('stack already up and healthy: nothing to start');
    expect(again.output).not.toContain('building ');
  });

  test('built by build:images while the stack runs, are taken up by the next up', async () => {
    writeFileSync(probe, `// Written by test/e2e/local-builds.e2e.test.ts; removed by it.\nexport const buildProbe = ${Date.now()};\n`);
    const built = await runCli(['build-images']);
    expect(built.code, built.output).toBe(0);
    expect(built.output).toContain(`building ${servicesImage} (sources changed)`);

    const taken = await runCli(['up']);
    expect(taken.code, taken.output).toBe(0);
    expect(taken.output).not.toContain('building ');
    // Every service on the services image is named, whatever their order (the saga's services too).
    const olderBuild = /^(.*) run an older build of the local image: Compose recreates them$/m.exec(taken.output)?.[1]?.split(', ') ?? [];
    expect(olderBuild, taken.output).toEqual(expect.arrayContaining(['catalog-api-1', 'catalog-api-2', 'search-indexer', 'inventory', 'payment', 'booking']));
    const imageId = docker(['image', 'inspect', '--format', '{{.Id}}', servicesImage!]).trim();
    const running = docker(['ps', '--filter', `label=com.docker.compose.service=catalog-api-1`, '--filter', `label=com.docker.compose.project=${process.env.COMPOSE_PROJECT_NAME ?? 'booking'}`, '--format', '{{.Label "com.docker.compose.image"}}']).trim();
    expect(running).toBe(imageId);
  });
});
