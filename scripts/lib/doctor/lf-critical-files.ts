/**
 * Which files the line-ending repair may touch: files of this project that a Linux
 * container executes or parses — the tracked ones (`git ls-files`), plus the
 * git-ignored root `.env`, which Compose parses. Never an untracked file: a user's
 * scratch file, a download or a symlink dropped into the tree is not ours to rewrite.
 * Without git or without a `.git` at the root (a downloaded zip), the fixed list
 * below stands in for `git ls-files`; a unit test keeps it equal to the tracked files.
 */
import { lstat } from 'node:fs/promises';
import { basename, extname, join, sep } from 'node:path';
import type { Exec } from '../exec.ts';

const EXTENSIONS = new Set(['.sh', '.bash', '.cfg', '.cnf', '.sql', '.env', '.properties']);

/** Decided from the path alone; extensionless files are also checked for a shebang (see line-endings.ts). */
export function isLfCritical(path: string): boolean {
  const file = path.split(sep).join('/');
  const name = basename(file);
  if (EXTENSIONS.has(extname(name))) return true;
  if (name === '.env' || name === '.env.example') return true;
  if (file === '.ci/run') return true;
  if (file.startsWith('kafka/') && name.endsWith('.json')) return true;
  if (name === 'Dockerfile' || name.startsWith('Dockerfile.') || /\.dockerfile$/i.test(name)) return true;
  if (/^(docker-)?compose[\w.-]*\.ya?ml$/.test(name) || (file.startsWith('compose/') && /\.ya?ml$/.test(name))) return true;
  return false;
}

/** May hold a shebang script: the repair reads its first two bytes to decide. */
export function mayBeScript(path: string): boolean {
  return extname(basename(path)) === '';
}

/** The LF-critical files this repository tracks; the stand-in for `git ls-files` without git. */
export const KNOWN_LF_CRITICAL_FILES: readonly string[] = [
  '.ci/run',
  'ci/host/install-chromium.sh',
  'ci/host/install-docker.sh',
  'ci/host/install-java.sh',
  'ci/images/build.sh',
  'ci/images/connect/Dockerfile',
  'ci/images/connect/docker-entrypoint.sh',
  'ci/images/elasticsearch/Dockerfile',
  'ci/images/elasticsearch/docker-entrypoint.sh',
  'ci/images/haproxy/Dockerfile',
  'ci/images/jre/Dockerfile',
  'ci/images/kafka/Dockerfile',
  'ci/images/s3proxy/Dockerfile',
  'ci/images/s3proxy/run-s3proxy.sh',
  'ci/images/kafka/bin/kafka-broker-api-versions.sh',
  'ci/images/kafka/bin/kafka-console-consumer.sh',
  'ci/images/kafka/bin/kafka-consumer-groups.sh',
  'ci/images/kafka/bin/kafka-run-class.sh',
  'ci/images/kafka/bin/kafka-storage.sh',
  'ci/images/kafka/bin/kafka-topics.sh',
  'ci/images/kafka/run',
  'ci/images/mariadb/99-container.cnf',
  'ci/images/mariadb/Dockerfile',
  'ci/images/mariadb/docker-entrypoint.sh',
  'ci/images/node/Dockerfile',
  'ci/images/verify-artifacts.sh',
  'compose/.env.example',
  'compose/compose.yaml',
  'compose/elasticsearch-lean.yaml',
  'compose/early-start.yaml',
  'compose/healthcheck-start-interval.yaml',
  'compose/reload-on-hup.sh',
  'compose/services.Dockerfile',
  'compose/web.Dockerfile',
  'compose/versions.env',
  'haproxy/haproxy.cfg',
  'kafka/connectors/mariadb.json',
  'kafka/connectors/mysql.json',
  'kafka/connectors/inventory-mariadb.json',
  'kafka/connectors/inventory-mysql.json',
  'kafka/connectors/outbox-mariadb.json',
  'kafka/connectors/outbox-mysql.json',
  'kafka/topics.json',
  'mysql/migrations/0001-create-hotels.sql',
  'mysql/migrations/0002-versions-survive-reinsert.sql',
  'mysql/migrations/0003-hotel-images.sql',
  'mysql/saga-messaging/migrations/0001-create-outbox-and-inbox.sql',
  'mysql/saga-messaging/migrations/0002-index-message-ages.sql',
  'mysql/inventory/migrations/0001-create-inventory.sql',
  'mysql/payments/migrations/0001-create-payments.sql',
  'mysql/payments/migrations/0002-index-payments-by-state.sql',
  'mysql/bookings/migrations/0001-create-bookings.sql',
  'mysql/sample-data/hotels.sql',
];

/** Git-ignored, so `git ls-files` never names it, yet Compose parses it. */
const IGNORED_BUT_PARSED = ['.env'];

export interface CandidateFiles {
  files: string[];
  /** Where the list came from, for the report. */
  source: 'git' | 'known list';
}

/**
 * Tracked files that are LF-critical (or may be shebang scripts), plus `.env`.
 * `.git` must exist at the root itself (a directory, or a file in a worktree): a zip
 * unpacked inside some other repository must not borrow that repository's index.
 */
export async function listCandidateFiles(root: string, exec: Exec): Promise<CandidateFiles> {
  const tracked = (await exists(join(root, '.git'))) ? await exec('git', ['-C', root, 'ls-files', '-z', '--cached']) : undefined;
  const fromGit = tracked?.code === 0;
  const listed = fromGit ? tracked.stdout.split('\0').filter(Boolean) : [...KNOWN_LF_CRITICAL_FILES];
  const files = listed.filter((file) => isLfCritical(file) || mayBeScript(file));
  return { files: [...new Set([...files, ...IGNORED_BUT_PARSED])], source: fromGit ? 'git' : 'known list' };
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
