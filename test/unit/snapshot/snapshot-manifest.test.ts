import { describe, expect, it } from 'vitest';
import { incompatibilities, incompatibleError, parseManifest, SNAPSHOT_FORMAT, totalBytes, type SnapshotManifest } from '../../../scripts/lib/snapshot/snapshot-manifest.ts';

const sampleManifest = (overrides: Partial<SnapshotManifest> = {}): SnapshotManifest => ({
  format: SNAPSHOT_FORMAT,
  name: 'demo',
  createdAt: '2026-12-07T15:00:00.000Z',
  engine: 'mariadb',
  versions: { MARIADB_VERSION: '11.8.8', KAFKA_VERSION: '4.1.1' },
  images: { mysql: 'mariadb:11.8.8', kafka: 'apache/kafka:4.1.1' },
  volumes: [
    { volume: 'mariadb-data', archive: 'mariadb-data.tar', bytes: 1000 },
    { volume: 'kafka-data', archive: 'kafka-data.tar', bytes: 24 },
  ],
  ...overrides,
});

const current = (manifest = sampleManifest()) => ({ engine: manifest.engine, versions: { ...manifest.versions }, images: { ...manifest.images }, volumes: manifest.volumes.map((v) => v.volume) });

describe('snapshot manifest', () => {
  it('round-trips through JSON and sums its archives', () => {
    const manifest = sampleManifest();
    expect(parseManifest(JSON.stringify(manifest), 'm.json')).toEqual(manifest);
    expect(totalBytes(manifest)).toBe(1024);
  });

  it('a broken manifest is an error naming the fields, not a guess', () => {
    expect(() => parseManifest('{', 'x/manifest.json')).toThrow(/^x\/manifest\.json is not JSON/);
    const { versions: _v, ...noVersions } = sampleManifest();
    expect(() => parseManifest(JSON.stringify({ ...noVersions, createdAt: 'yesterday', volumes: [{ volume: 'a' }] }), 'm.json')).toThrow(
      'm.json is not a snapshot manifest (createdAt, versions, volumes missing or wrong)',
    );
  });

  it('the same versions, images and engine restore', () => {
    expect(incompatibilities(sampleManifest(), current())).toEqual([]);
  });

  it('names every version and image that differs, and a volume the snapshot lacks', () => {
    const now = current();
    now.versions.KAFKA_VERSION = '4.2.0';
    now.images.kafka = 'apache/kafka:4.2.0';
    now.volumes.push('object-store-data');
    expect(incompatibilities(sampleManifest(), now)).toEqual([
      'KAFKA_VERSION: snapshot 4.1.1, this checkout 4.2.0',
      'image of kafka: snapshot apache/kafka:4.1.1, this checkout apache/kafka:4.2.0',
      'volume object-store-data: not in the snapshot (it was saved before this stack had it)',
    ]);
  });

  it('another engine or format is said alone: every other name differs with it', () => {
    expect(incompatibilities(sampleManifest(), { ...current(), engine: 'mysql', versions: { MYSQL_VERSION: '8.4.11' } })).toEqual(['DB_ENGINE: snapshot mariadb, this checkout mysql']);
    expect(incompatibilities(sampleManifest({ format: SNAPSHOT_FORMAT + 1 }), current())).toEqual([`snapshot format ${SNAPSHOT_FORMAT + 1}, this checkout reads format ${SNAPSHOT_FORMAT}`]);
  });

  it('the refusal lists the differences and says what to do', () => {
    const error = incompatibleError('demo', ['KAFKA_VERSION: snapshot 4.1.1, this checkout 4.2.0']);
    expect(error.message).toBe('snapshot "demo" was saved with other versions than this checkout runs, and a data volume is only readable by the release that wrote it:\n  KAFKA_VERSION: snapshot 4.1.1, this checkout 4.2.0');
    expect(error.fix).toMatch(/git log -p compose\/versions\.env\), or save a new snapshot/);
  });
});
