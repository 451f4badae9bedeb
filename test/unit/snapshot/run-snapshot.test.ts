import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../../scripts/lib/compose/compose.ts';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { createSnapshotFolder, type SnapshotFolder } from '../../../scripts/lib/snapshot/snapshot-folder.ts';
import { currentData, listSnapshots, removeSnapshot, restoreSnapshot, saveSnapshot, type SnapshotDeps } from '../../../scripts/lib/snapshot/run-snapshot.ts';
import type { VolumeArchiver, VolumeToCopy } from '../../../scripts/lib/snapshot/volume-archive.ts';
import { makeTempDir } from '../helpers/temp-tree.ts';

const KEYS = ['mariadb-data', 'kafka-data', 'elasticsearch-data', 'object-store-data'];
const model = (images: Record<string, string> = {}): ComposeModel => ({
  name: 'sn',
  volumes: Object.fromEntries(KEYS.map((key) => [key, { name: `sn_${key}` }])),
  services: Object.fromEntries(
    Object.entries({ mysql: 'mariadb:11.8.8', kafka: 'apache/kafka:4.1.1', connect: 'quay.io/debezium/connect:3.5.0.Final', elasticsearch: 'elasticsearch:8.19.21', 'object-store': 'andrewgaul/s3proxy:2.6.0', ...images }).map(([s, image]) => [s, { image }]),
  ),
});
const VALUES = { DB_ENGINE: 'mariadb', MARIADB_VERSION: '11.8.8', MYSQL_VERSION: '8.4.11', KAFKA_VERSION: '4.1.1', DEBEZIUM_VERSION: '3.5.0.Final', ELASTICSEARCH_VERSION: '8.19.21', S3PROXY_VERSION: '2.6.0', NODE_VERSION: '22.23.2' };
const stackOf = (values: Record<string, string>) => {
  const { engine, dataVersions } = stackConfigOf(values);
  return { engine, dataVersions };
};
const container = (state: string, oneOff = false) => ({ name: 'c', service: 's', project: 'sn', state, health: '', exitCode: 0, oneOff, status: '', publishers: [], labels: {} }) as ContainerState;

let dir: { path: string; remove: () => Promise<void> };
let folder: SnapshotFolder;
beforeEach(async () => {
  dir = await makeTempDir('snapshots-');
  folder = createSnapshotFolder(join(dir.path, '.snapshots'));
});
afterEach(() => dir.remove());

/** Volumes as contents in memory; the archives are files in the real temporary folder. */
function fakeStack({ copier = true, running = true, existing = KEYS.map((k) => `sn_${k}`), images = {} as Record<string, string>, values = VALUES as Record<string, string> } = {}) {
  const events: string[] = [];
  const volumes = new Map(existing.map((name) => [name, `content of ${name}`]));
  let now = Date.parse('2026-12-07T15:00:00Z');
  const archiver: VolumeArchiver = {
    ready: async () => {
      if (!copier) throw new UserError('the image that copies the volumes (booking-devstack/services:sn) is not on this machine', 'run `npm run up` once: it builds it');
    },
    existing: async (names) => new Set(names.filter((name) => volumes.has(name))),
    create: async (volume, project) => void (events.push(`create ${volume.dockerName} for ${project}`), volumes.set(volume.dockerName, '')),
    save: async (list: VolumeToCopy[], into) => {
      events.push(`save ${list.map((v) => v.dockerName).join(' ')}`);
      for (const v of list) await writeFile(join(into, `${v.key}.tar`), volumes.get(v.dockerName) ?? '');
      now += 2000;
    },
    restore: async (list, from) => {
      events.push(`restore ${list.map((v) => v.dockerName).join(' ')}`);
      for (const v of list) volumes.set(v.dockerName, await readFile(join(from, `${v.key}.tar`), 'utf8'));
      now += 1000;
    },
  };
  let isRunning = running;
  const deps: SnapshotDeps = {
    folder,
    compose: {
      config: async () => model(images),
      ps: async () => [container(isRunning ? 'running' : 'exited'), container('exited', true)],
      stop: async () => void (events.push('stop'), (isRunning = false)),
      kill: async () => void (events.push('kill'), (isRunning = false)),
    },
    archiver,
    start: async () => void (events.push('start'), (isRunning = true)),
    stack: stackOf(values),
    now: () => now,
    out: { line: (text = '') => void events.push(`> ${text}`) },
  };
  return { deps, events, volumes };
}

describe('currentData', () => {
  it("takes Docker's volume names from Compose and the data services' versions and images", () => {
    const data = currentData(model(), stackOf(VALUES));
    expect(data.volumes).toEqual(KEYS.map((key) => ({ key, dockerName: `sn_${key}` })));
    expect(data.versions).toEqual({ MARIADB_VERSION: '11.8.8', KAFKA_VERSION: '4.1.1', DEBEZIUM_VERSION: '3.5.0.Final', ELASTICSEARCH_VERSION: '8.19.21', S3PROXY_VERSION: '2.6.0' });
    expect(Object.keys(data.images)).toEqual(['mysql', 'kafka', 'elasticsearch', 'object-store', 'connect']);
  });

  it('a compose.yaml without one of the volumes is an error, not a partial snapshot', () => {
    const { volumes: _all, ...rest } = model();
    expect(() => currentData(rest, stackOf(VALUES))).toThrow('compose/compose.yaml has no volume mariadb-data in use');
  });
});

describe('save', () => {
  it('stops a running stack, copies every data volume, writes the manifest, then starts it again', async () => {
    const { deps, events } = fakeStack();
    const manifest = await saveSnapshot('demo', false, deps);
    expect(events.filter((e) => !e.startsWith('>'))).toEqual(['stop', `save ${KEYS.map((k) => `sn_${k}`).join(' ')}`, 'start']);
    expect(manifest).toMatchObject({ format: 1, name: 'demo', createdAt: '2026-12-07T15:00:02.000Z', engine: 'mariadb', images: { kafka: 'apache/kafka:4.1.1' } });
    expect(manifest.volumes[0]).toEqual({ volume: 'mariadb-data', archive: 'mariadb-data.tar', bytes: 'content of sn_mariadb-data'.length });
    expect((await folder.list()).map((s) => s.name)).toEqual(['demo']);
    expect(await readdir(folder.root)).toEqual(['demo']); // no .partial- folder left
    expect(events).toContain('> snapshot "demo" saved: 4 volumes, 113 B, in 2.0 s');
  });

  it('a stack that is not running is copied as it is and left stopped', async () => {
    const { deps, events } = fakeStack({ running: false });
    await saveSnapshot('demo', false, deps);
    expect(events.filter((e) => !e.startsWith('>'))).toEqual([`save ${KEYS.map((k) => `sn_${k}`).join(' ')}`]);
  });

  it('refuses a taken name before stopping anything, unless --force', async () => {
    const { deps, events } = fakeStack();
    await saveSnapshot('demo', false, deps);
    events.length = 0;
    const error = await saveSnapshot('demo', false, deps).then(() => undefined, (e: unknown) => e as UserError);
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toBe('a snapshot "demo" exists already');
    expect(error?.fix).toBe('choose another name, or replace it: npm run snapshot -- save demo --force');
    expect(events).toEqual([]);
    await saveSnapshot('demo', true, deps);
    expect(events).toContain('stop');
  });

  it('a failed copy leaves no snapshot behind and the stack running again', async () => {
    const { deps, events } = fakeStack();
    deps.archiver.save = async () => {
      throw new UserError('copying the volumes into the snapshot failed', 'disk');
    };
    await expect(saveSnapshot('demo', false, deps)).rejects.toThrow('copying the volumes into the snapshot failed');
    expect(events.filter((e) => !e.startsWith('>'))).toEqual(['stop', 'start']);
    expect(await readdir(folder.root)).toEqual([]);
  });

  it('before the first up there is nothing to save, and it says so', async () => {
    const { deps } = fakeStack({ existing: [] });
    await expect(saveSnapshot('demo', false, deps)).rejects.toThrow('nothing to save yet: the volumes sn_mariadb-data, sn_kafka-data, sn_elasticsearch-data, sn_object-store-data do not exist');
  });
});

describe('restore', () => {
  it('kills the stack (its data is replaced: no graceful stop), puts every volume back as saved and starts it', async () => {
    const { deps, events, volumes } = fakeStack();
    await saveSnapshot('demo', false, deps);
    for (const name of volumes.keys()) volumes.set(name, 'changed since');
    events.length = 0;
    await restoreSnapshot('demo', deps);
    expect(events.filter((e) => !e.startsWith('>'))).toEqual(['kill', `restore ${KEYS.map((k) => `sn_${k}`).join(' ')}`, 'start']);
    expect(volumes.get('sn_kafka-data')).toBe('content of sn_kafka-data');
  });

  it('creates volumes that are gone (after a reset) with their Compose labels, and starts a stack that was down', async () => {
    const first = fakeStack();
    await saveSnapshot('demo', false, first.deps);
    const { deps, events, volumes } = fakeStack({ running: false, existing: [] });
    await restoreSnapshot('demo', deps);
    expect(events.filter((e) => !e.startsWith('>'))).toEqual([...KEYS.map((k) => `create sn_${k} for sn`), `restore ${KEYS.map((k) => `sn_${k}`).join(' ')}`, 'start']);
    expect(volumes.get('sn_elasticsearch-data')).toBe('content of sn_elasticsearch-data');
  });

  it('refuses before killing anything when the image that copies the volumes is missing', async () => {
    await saveSnapshot('demo', false, fakeStack().deps);
    const { deps, events } = fakeStack({ copier: false });
    await expect(restoreSnapshot('demo', deps)).rejects.toThrow(/is not on this machine/);
    expect(events).toEqual([]);
  });

  it('refuses other versions before stopping anything, naming each difference', async () => {
    await saveSnapshot('demo', false, fakeStack().deps);
    const { deps, events } = fakeStack({ images: { elasticsearch: 'elasticsearch:9.0.0' }, values: { ...VALUES, ELASTICSEARCH_VERSION: '9.0.0' } });
    const error = await restoreSnapshot('demo', deps).then(() => undefined, (e: unknown) => e as UserError);
    expect(error?.message.split('\n').slice(1)).toEqual(['  ELASTICSEARCH_VERSION: snapshot 8.19.21, this checkout 9.0.0', '  image of elasticsearch: snapshot elasticsearch:8.19.21, this checkout elasticsearch:9.0.0']);
    expect(events).toEqual([]);
  });

  it('a NODE_VERSION bump keeps snapshots usable: Node holds no data', async () => {
    await saveSnapshot('demo', false, fakeStack().deps);
    await restoreSnapshot('demo', fakeStack({ values: { ...VALUES, NODE_VERSION: '24.0.0' } }).deps);
  });

  it('a missing snapshot names the ones there are; a damaged one changes nothing', async () => {
    const { deps, events } = fakeStack();
    await expect(restoreSnapshot('demo', deps)).rejects.toThrow(/^there is no snapshot "demo" in .*\.snapshots \(none saved yet\)$/);
    await saveSnapshot('one', false, deps);
    await saveSnapshot('two', false, deps);
    await expect(restoreSnapshot('three', deps)).rejects.toThrow(/; there are: one, two$/);
    await writeFile(join(folder.folderOf('two'), 'kafka-data.tar'), 'cut');
    events.length = 0;
    await expect(restoreSnapshot('two', deps)).rejects.toThrow('snapshot "two" is damaged: kafka-data.tar is 3 bytes, the manifest says 24');
    expect(events).toEqual([]);
  });
});

describe('list and rm', () => {
  it('lists name, creation time, size and engine; rm removes one', async () => {
    const { deps, events } = fakeStack({ running: false });
    await listSnapshots(deps);
    expect(events.at(-1)).toMatch(/^> no snapshots in .*: npm run snapshot -- save <name> saves one$/);
    await saveSnapshot('demo', false, deps);
    events.length = 0;
    await listSnapshots(deps);
    expect(events.join('\n')).toMatch(/demo\s+2026-12-07 15:00:02Z\s+113 B\s+mariadb/);
    await removeSnapshot('demo', deps);
    expect(await folder.list()).toEqual([]);
    await expect(removeSnapshot('demo', deps)).rejects.toThrow('there is no snapshot "demo"');
  });

  it('a folder without a manifest (not a snapshot) is listed as unusable and can be removed', async () => {
    const { deps, events } = fakeStack({ running: false });
    await saveSnapshot('demo', false, deps);
    await writeFile(join(folder.folderOf('demo'), 'manifest.json'), '{}');
    events.length = 0;
    await listSnapshots(deps);
    expect(events.join('\n')).toMatch(/demo\s+unusable: .*manifest\.json is not a snapshot manifest/);
    await removeSnapshot('demo', deps);
    expect(await folder.list()).toEqual([]);
  });
});
