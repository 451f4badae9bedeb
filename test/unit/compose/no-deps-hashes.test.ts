import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileHashAliases, withFullHashes } from '../../../scripts/lib/compose/no-deps-hashes.ts';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { makeTempDir } from '../helpers/temp-tree.ts';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  dir = await makeTempDir('hash-aliases-');
});
afterEach(() => dir.remove());

const container = (service: string, hash: string): ContainerState => ({
  name: `b-${service}-1`, service, project: 'b', state: 'running', health: 'healthy', exitCode: 0, oneOff: false, status: 'Up', publishers: [],
  labels: { 'com.docker.compose.config-hash': hash },
});

describe('the record of --no-deps hashes', () => {
  it('starts empty, keeps what is added across reads, and a damaged file counts as empty', async () => {
    const file = join(dir.path, '.cache', 'compose-hash-aliases.json');
    const aliases = fileHashAliases(file);
    expect(aliases.read().size).toBe(0);
    await aliases.add('nodeps1', 'full1');
    await aliases.add('nodeps2', 'full2');
    await aliases.add('nodeps1', 'full3');
    expect([...fileHashAliases(file).read()]).toEqual([['nodeps2', 'full2'], ['nodeps1', 'full3']]);
    writeFileSync(file, '{ not json');
    expect(aliases.read().size).toBe(0);
  });

  it('keeps the 200 latest', async () => {
    const file = join(dir.path, 'aliases.json');
    const aliases = fileHashAliases(file);
    for (let i = 0; i < 205; i += 1) await aliases.add(`label${i}`, `full${i}`);
    const kept = aliases.read();
    expect(kept.size).toBe(200);
    expect(kept.has('label4')).toBe(false);
    expect(kept.get('label204')).toBe('full204');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ label5: 'full5' });
  });

  it('reports the full hash for a container whose label is recorded, and leaves the others alone', () => {
    const containers = [container('catalog-api-1', 'nodeps1'), container('mysql', 'm1')];
    const seen = withFullHashes(containers, new Map([['nodeps1', 'full1']]));
    expect(seen.map((c) => c.labels['com.docker.compose.config-hash'])).toEqual(['full1', 'm1']);
    expect(containers[0]!.labels['com.docker.compose.config-hash']).toBe('nodeps1');
  });
});
