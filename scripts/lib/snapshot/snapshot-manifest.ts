/**
 * What a snapshot says about itself (manifest.json beside its archives), and whether
 * this checkout can restore it. A data volume is only readable by the release that wrote
 * it, or a compatible one: a MariaDB 11.8 data directory under another major release,
 * Kafka's log format, Elasticsearch's index format, Debezium's offsets and schema
 * history. So a snapshot records the versions and images of the services that hold data
 * (config/data-stores.ts) and the database engine, and a restore across any difference is
 * refused before anything is stopped, naming each difference and what to do.
 */
import { UserError } from '../errors.ts';
import type { DbEngine } from '../config/stack-config.ts';

/** Raised when what the manifest holds changes shape; an older or newer one is refused. */
export const SNAPSHOT_FORMAT = 1;

export interface VolumeArchive {
  /** The volume's key in compose.yaml (`kafka-data`). */
  volume: string;
  /** The archive's file name in the snapshot's folder. */
  archive: string;
  bytes: number;
}

/** What decides whether the data can be read back: the same in the manifest and the checkout. */
export interface DataVersions {
  engine: DbEngine;
  /** compose/versions.env's pins of the data-holding services (dataVersionKeys). */
  versions: Record<string, string>;
  /** Each data-holding service's image as Compose resolves it (the *_IMAGE variables included). */
  images: Record<string, string>;
}

export interface SnapshotManifest extends DataVersions {
  format: number;
  name: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  volumes: VolumeArchive[];
}

export function totalBytes(manifest: Pick<SnapshotManifest, 'volumes'>): number {
  return manifest.volumes.reduce((sum, volume) => sum + volume.bytes, 0);
}

/** manifest.json's text, checked field by field: a hand-edited or truncated one is an error, not a guess. */
export function parseManifest(text: string, where: string): SnapshotManifest {
  const fix = `remove it (npm run snapshot -- rm <name>) and save it again`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${where} is not JSON: ${(error as Error).message}`, fix);
  }
  const m = value as Partial<SnapshotManifest>;
  const isRecordOfStrings = (x: unknown) => typeof x === 'object' && x !== null && Object.values(x).every((v) => typeof v === 'string');
  const problems = [
    typeof m.format !== 'number' && 'format',
    typeof m.name !== 'string' && 'name',
    (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt))) && 'createdAt',
    m.engine !== 'mysql' && m.engine !== 'mariadb' && 'engine',
    !isRecordOfStrings(m.versions) && 'versions',
    !isRecordOfStrings(m.images) && 'images',
    !(Array.isArray(m.volumes) && m.volumes.every((v) => typeof v?.volume === 'string' && typeof v.archive === 'string' && typeof v.bytes === 'number')) && 'volumes',
  ].filter(Boolean);
  if (problems.length > 0) throw new UserError(`${where} is not a snapshot manifest (${problems.join(', ')} missing or wrong)`, fix);
  return m as SnapshotManifest;
}

/** One line per difference between the snapshot and this checkout; empty when it can be restored. */
export function incompatibilities(manifest: SnapshotManifest, current: DataVersions & { volumes: string[] }): string[] {
  if (manifest.format !== SNAPSHOT_FORMAT) return [`snapshot format ${manifest.format}, this checkout reads format ${SNAPSHOT_FORMAT}`];
  const lines: string[] = [];
  if (manifest.engine !== current.engine) lines.push(`DB_ENGINE: snapshot ${manifest.engine}, this checkout ${current.engine}`);
  const differ = (label: string, saved: Record<string, string>, now: Record<string, string>) => {
    for (const key of [...new Set([...Object.keys(saved), ...Object.keys(now)])].sort()) {
      if (saved[key] !== now[key]) lines.push(`${label}${key}: snapshot ${saved[key] ?? '(none)'}, this checkout ${now[key] ?? '(none)'}`);
    }
  };
  // After an engine switch every name differs: the engine line says it all.
  if (lines.length > 0) return lines;
  differ('', manifest.versions, current.versions);
  differ('image of ', manifest.images, current.images);
  const saved = new Set(manifest.volumes.map((v) => v.volume));
  for (const volume of current.volumes) if (!saved.has(volume)) lines.push(`volume ${volume}: not in the snapshot (it was saved before this stack had it)`);
  return lines;
}

export function incompatibleError(name: string, lines: string[]): UserError {
  return new UserError(
    [`snapshot "${name}" was saved with other versions than this checkout runs, and a data volume is only readable by the release that wrote it:`, ...lines.map((line) => `  ${line}`)].join('\n'),
    'restore it from a checkout with those versions (DB_ENGINE in .env; compose/versions.env and the *_IMAGE variables as they were: git log -p compose/versions.env), or save a new snapshot with this one',
  );
}
