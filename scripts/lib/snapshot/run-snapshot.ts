/**
 * `npm run snapshot -- save | restore | list | rm`: the whole stack's state, saved and
 * put back at one point in time.
 *
 * Why a stopped stack is one consistent point: every writer (the services, Connect,
 * the indexer, the brokers and stores themselves) is stopped before the first byte is
 * copied and started again after the last, so no store can move while another is read.
 * `compose stop` ends each container gracefully (SIGTERM, then its stop_grace_period):
 * MySQL/MariaDB shuts down clean, Kafka flushes its logs, Connect's tasks commit their
 * source offsets to the connect-offsets topic as they stop, the indexer commits its
 * consumer group's offsets, Elasticsearch flushes. Across the stores the saved state is
 * then what the running pipeline itself guarantees at any instant: each position is at
 * or behind the data it points into (Debezium's binlog position in connect-offsets is
 * one the saved binlog still holds; the consumer groups' offsets are at or behind what
 * the saved index holds). So a restored stack resumes where it stopped: Debezium finds
 * its offsets and the binlog behind them and does not snapshot again; anything replayed
 * is absorbed by the at-least-once design (external versions in the index, the inbox of
 * handled message ids in every saga service).
 * Copying live files instead (a paused or running stack) would be a crash image of
 * each store, each recovering on start; stopping costs one restart and needs no
 * argument about recovery.
 */
import { dataFormatServices, dataStoresOf } from '../config/data-stores.ts';
import type { StackConfig } from '../config/stack-config.ts';
import type { Compose, ComposeModel } from '../compose/compose.ts';
import { UserError } from '../errors.ts';
import { renderTable } from '../ui/table.ts';
import type { Output } from '../ui/output.ts';
import { formatDuration } from '../wait/clock.ts';
import type { SnapshotFolder } from './snapshot-folder.ts';
import { incompatibilities, incompatibleError, SNAPSHOT_FORMAT, totalBytes, type DataVersions, type SnapshotManifest } from './snapshot-manifest.ts';
import { archiveNameOf, type VolumeArchiver, type VolumeToCopy } from './volume-archive.ts';

export type SnapshotCompose = Pick<Compose, 'config' | 'ps' | 'stop' | 'kill'>;

export interface SnapshotDeps {
  folder: SnapshotFolder;
  compose: SnapshotCompose;
  archiver: VolumeArchiver;
  /** Brings the stack up as `npm run up` does (readiness, connectors): after a restore, and after a save of a running stack. */
  start: () => Promise<void>;
  stack: Pick<StackConfig, 'engine' | 'dataVersions'>;
  now: () => number;
  out: Pick<Output, 'line'>;
}

/** This checkout's data volumes (Docker's names, from Compose) and the versions that can read them. */
export interface CurrentData extends DataVersions {
  project: string;
  volumes: VolumeToCopy[];
}

export function currentData(model: ComposeModel, { engine, dataVersions }: SnapshotDeps['stack']): CurrentData {
  const volumes = dataStoresOf(engine).map(({ volume }) => {
    const dockerName = model.volumes?.[volume]?.name;
    if (!dockerName) throw new UserError(`compose/compose.yaml has no volume ${volume} in use`, 'restore compose/compose.yaml (git checkout -- compose/compose.yaml)');
    return { key: volume, dockerName };
  });
  const images = Object.fromEntries(dataFormatServices(engine).map((service) => [service, model.services[service]?.image ?? '(no image)']));
  return { project: model.name ?? '', engine, versions: dataVersions, images, volumes };
}

async function isRunning(compose: SnapshotCompose): Promise<boolean> {
  return (await compose.ps()).some((container) => !container.oneOff && (container.state === 'running' || container.state === 'restarting'));
}

export async function saveSnapshot(name: string, force: boolean, deps: SnapshotDeps): Promise<SnapshotManifest> {
  const { folder, compose, archiver, out } = deps;
  const started = deps.now();
  const current = currentData(await compose.config(), deps.stack);
  const present = await archiver.existing(current.volumes.map((volume) => volume.dockerName));
  const missing = current.volumes.filter((volume) => !present.has(volume.dockerName));
  if (missing.length > 0) throw new UserError(`nothing to save yet: the volume${missing.length > 1 ? 's' : ''} ${missing.map((v) => v.dockerName).join(', ')} do${missing.length > 1 ? '' : 'es'} not exist`, 'run `npm run up` first: it creates them');
  const partial = await folder.startSave(name, force);
  const running = await isRunning(compose);
  let stoppedAt: number | undefined;
  try {
    if (running) {
      out.line('stopping the stack: with every writer stopped, all stores are saved at one point in time');
      await compose.stop();
      stoppedAt = deps.now();
    }
    out.line(`copying ${current.volumes.map((volume) => volume.key).join(', ')}`);
    await archiver.save(current.volumes, partial);
    const volumes = await Promise.all(current.volumes.map(async ({ key }) => ({ volume: key, archive: archiveNameOf(key), bytes: await folder.archiveBytes(partial, archiveNameOf(key)) })));
    const manifest: SnapshotManifest = { format: SNAPSHOT_FORMAT, name, createdAt: new Date(deps.now()).toISOString(), engine: current.engine, versions: current.versions, images: current.images, volumes };
    await folder.finishSave(partial, manifest);
    out.line(`snapshot "${name}" saved: ${volumes.length} volumes, ${formatBytes(totalBytes(manifest))}, in ${formatDuration(deps.now() - started)}`);
    return manifest;
  } catch (error) {
    await folder.abandonSave(partial);
    throw error;
  } finally {
    // Started again whether the copy worked or not: a failed save must not leave the stack down.
    if (running) {
      out.line(`starting the stack again${stoppedAt === undefined ? '' : ` (stopped ${formatDuration(deps.now() - stoppedAt)} ago)`}`);
      await deps.start();
    }
  }
}

export async function restoreSnapshot(name: string, deps: SnapshotDeps): Promise<SnapshotManifest> {
  const { folder, compose, archiver, out } = deps;
  const started = deps.now();
  const manifest = await folder.read(name);
  const current = currentData(await compose.config(), deps.stack);
  // Refused before anything is stopped: the stack stays as it is.
  const differences = incompatibilities(manifest, { ...current, volumes: current.volumes.map((volume) => volume.key) });
  if (differences.length > 0) throw incompatibleError(name, differences);
  for (const saved of manifest.volumes) {
    const bytes = await folder.archiveBytes(folder.folderOf(name), saved.archive).catch(() => undefined);
    if (bytes !== saved.bytes) throw new UserError(`snapshot "${name}" is damaged: ${saved.archive} is ${bytes === undefined ? 'missing' : `${bytes} bytes, the manifest says ${saved.bytes}`}`, `remove it (npm run snapshot -- rm ${name}); nothing was changed`);
  }
  await archiver.ready();
  if (await isRunning(compose)) {
    // Every data volume is replaced next, so nothing the stores would write while shutting
    // down is kept: killed at once rather than stopped gracefully, which is what took
    // most of the restore's copy phase (Connect alone waits seconds for its tasks).
    out.line('stopping the stack at once: its data is replaced');
    await compose.kill();
  }
  const present = await archiver.existing(current.volumes.map((volume) => volume.dockerName));
  for (const volume of current.volumes) if (!present.has(volume.dockerName)) await archiver.create(volume, current.project);
  out.line(`restoring ${current.volumes.map((volume) => volume.key).join(', ')} from "${name}" (saved ${manifest.createdAt})`);
  try {
    await archiver.restore(current.volumes, folder.folderOf(name));
  } catch (error) {
    throw new UserError(`${(error as Error).message}\nthe volumes may be half restored and the stack is stopped`, `npm run snapshot -- restore ${name} again, or npm run reset -- --yes to start empty`, { cause: error });
  }
  const copiedAfter = deps.now() - started;
  await deps.start();
  out.line(`snapshot "${name}" restored in ${formatDuration(deps.now() - started)} (volumes copied after ${formatDuration(copiedAfter)})`);
  return manifest;
}

export async function listSnapshots({ folder, out }: Pick<SnapshotDeps, 'folder' | 'out'>): Promise<void> {
  const snapshots = await folder.list();
  if (snapshots.length === 0) {
    out.line(`no snapshots in ${folder.root}: npm run snapshot -- save <name> saves one`);
    return;
  }
  const rows = snapshots.map(({ name, manifest, problem }) =>
    manifest ? [name, manifest.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), formatBytes(totalBytes(manifest)), manifest.engine] : [name, `unusable: ${problem ?? ''}`, '', ''],
  );
  out.line(renderTable(['name', 'created (UTC)', 'size', 'engine'], rows));
}

export async function removeSnapshot(name: string, { folder, out }: Pick<SnapshotDeps, 'folder' | 'out'>): Promise<void> {
  await folder.remove(name);
  out.line(`snapshot "${name}" removed`);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
