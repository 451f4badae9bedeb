/**
 * Watches the checkout on the host, where editors save: Node's fs.watch, recursive
 * (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows). Not inside
 * the containers: Docker Desktop's bind mounts on macOS and Windows do not deliver
 * file events reliably (on Windows, docker/for-win#8276), and nothing here is
 * bind-mounted: the code goes in with `docker compose cp`.
 * Reports repository-relative paths.
 */
import { watch } from 'node:fs';
import { join } from 'node:path';

export interface Watching {
  close(): void;
}

export type WatchFolder = (dir: string, recursive: boolean, onPath: (name: string) => void) => Watching;

export const nodeWatch: WatchFolder = (dir, recursive, onPath) => {
  const watcher = watch(dir, { recursive }, (_event, name) => {
    if (name) onPath(name.toString());
  });
  return { close: () => watcher.close() };
};

/** The folders whose files the services image is built from (source-change.ts classifies them). */
export const WATCHED = [
  { dir: 'services', recursive: true },
  { dir: 'proto', recursive: true },
  { dir: 'mysql', recursive: true },
  // package.json, package-lock.json, tsconfig.json, buf.*.yaml: the root's own files.
  { dir: '', recursive: false },
  { dir: 'compose', recursive: false },
];

export function watchSources(repoRoot: string, onPath: (path: string) => void, watchFolder: WatchFolder = nodeWatch): Watching {
  const watchers = WATCHED.map(({ dir, recursive }) => watchFolder(join(repoRoot, dir), recursive, (name) => onPath(dir ? `${dir}/${name}` : name)));
  return { close: () => watchers.forEach((watcher) => watcher.close()) };
}
