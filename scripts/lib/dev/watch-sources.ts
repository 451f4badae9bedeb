/**
 * Watches the checkout on the host, where editors save: Node's fs.watch, recursive
 * (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows). Not inside
 * the containers: Docker Desktop's bind mounts on macOS and Windows do not deliver
 * file events reliably (on Windows, docker/for-win#8276), and nothing here is
 * bind-mounted: the code goes in with `docker compose cp`.
 * Reports repository-relative paths.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';

export interface Watching {
  close(): void;
}

export type WatchFolder = (dir: string, recursive: boolean, onPath: (name: string) => void) => Watching;

const nativeWatch: WatchFolder = (dir, recursive, onPath) => {
  const watcher = watch(dir, { recursive }, (_event, name) => {
    if (name) onPath(name.toString());
  });
  return { close: () => watcher.close() };
};

/** Never sources: installed or built output. */
const NOT_WATCHED = new Set(['node_modules', 'dist']);

/**
 * Node's recursive fs.watch on Linux (a tree of inotify watches kept in JavaScript) stops
 * reporting a file once it has been saved by writing a temporary file and renaming it over
 * the old one, as vim, JetBrains' "safe write" and `sed -i` save: that first save is seen,
 * no later save of the file is (Node 20.20 here). A watch on the directory itself, not
 * recursive, sees every rename into it. So on Linux the tree is watched directory by
 * directory, and a directory that appears is watched from then on.
 */
export const directoryTreeWatch: WatchFolder = (root, recursive, onPath) => {
  const watchers = new Map<string, FSWatcher>();
  const isDirectory = (path: string) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  };
  const watchDirectory = (dir: string) => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        if (!name) return;
        const path = join(dir, name.toString());
        onPath(relative(root, path));
        if (recursive && !NOT_WATCHED.has(name.toString()) && isDirectory(path)) watchTree(path, true);
      });
    } catch {
      return; // gone before it could be watched
    }
    // A deleted directory ends its watch with an error on some systems: forget it.
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
  };
  /** `announce`: a directory that has just appeared; the files already in it are reported. */
  const watchTree = (dir: string, announce = false) => {
    watchDirectory(dir);
    if (!recursive) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!NOT_WATCHED.has(entry.name)) watchTree(join(dir, entry.name), announce);
      } else if (announce) onPath(relative(root, join(dir, entry.name)));
    }
  };
  watchTree(root);
  return {
    close: () => {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
};

/** macOS and Windows watch a tree natively (FSEvents, ReadDirectoryChangesW); Linux directory by directory. */
export const nodeWatch: WatchFolder = process.platform === 'linux' ? directoryTreeWatch : nativeWatch;

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
