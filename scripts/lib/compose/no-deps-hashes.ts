/**
 * Compose 2.26.0 to 2.29.2 hash a service's configuration with its `depends_on`, while
 * `up --no-deps <service>` (how `up` and `npm run dev` replace one replica alone) hashes
 * it with `depends_on` removed: the new container's `com.docker.compose.config-hash` is a
 * value `config --hash` never prints (docker/compose#12069; 2.29.3 leaves `depends_on` out
 * of every hash, pkg/compose/hash.go). Every later `up` then called the replica changed
 * and replaced it again, and a no-op `up` was never one.
 *
 * So after such a replacement the Compose module records which full hash the new label
 * stands for, and reports the full one for containers that carry it. The record maps
 * hashes to hashes, nothing else: it holds for every project of the checkout, and stays
 * empty on a Compose whose labels already match.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import type { ContainerState } from './parse-ps.ts';
import { CONFIG_HASH_LABEL } from './service-readiness.ts';

/** Enough for every replica of many configurations; the oldest are dropped first. */
const KEPT = 200;

export interface HashAliases {
  /** Label hash → the full hash it stands for. */
  read(): Map<string, string>;
  /** Records that containers labelled `label` were created from the configuration hashed `full`. */
  add(label: string, full: string): Promise<void>;
}

export function fileHashAliases(file: string): HashAliases {
  const read = (): Map<string, string> => {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new Map();
      return new Map(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      // Missing or damaged: nothing recorded, so at worst one replica is replaced again.
      return new Map();
    }
  };
  return {
    read,
    async add(label, full) {
      const aliases = read();
      aliases.delete(label);
      aliases.set(label, full);
      const kept = [...aliases].slice(-KEPT);
      mkdirSync(dirname(file), { recursive: true });
      await writeFileAtomic(file, Buffer.from(`${JSON.stringify(Object.fromEntries(kept), null, 2)}\n`), 0o644);
    },
  };
}

/** The containers with each recorded label replaced by the full hash it stands for. */
export function withFullHashes(containers: ContainerState[], aliases: Map<string, string>): ContainerState[] {
  if (aliases.size === 0) return containers;
  return containers.map((container) => {
    const full = aliases.get(container.labels[CONFIG_HASH_LABEL] ?? '');
    return full === undefined ? container : { ...container, labels: { ...container.labels, [CONFIG_HASH_LABEL]: full } };
  });
}
