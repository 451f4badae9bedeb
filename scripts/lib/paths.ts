import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so commands work from any cwd. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const paths = {
  repoRoot,
  composeFile: join(repoRoot, 'compose', 'compose.yaml'),
  versionsFile: join(repoRoot, 'compose', 'versions.env'),
  envExample: join(repoRoot, 'compose', '.env.example'),
  envFile: join(repoRoot, '.env'),
  connectorsDir: join(repoRoot, 'kafka', 'connectors'),
  /** The edge's local CA and server certificate (scripts/lib/tls/); git-ignored. */
  tlsDir: join(repoRoot, '.tls'),
  /** The profile each Compose project was last started with (config/profile-record.ts); git-ignored. */
  profilesDir: join(repoRoot, '.cache', 'profile'),
  /** The full configuration hashes that replicas' `up --no-deps` labels stand for (compose/no-deps-hashes.ts); git-ignored. */
  hashAliasesFile: join(repoRoot, '.cache', 'compose-hash-aliases.json'),
  /** Whole-stack snapshots (`npm run snapshot`), one folder each; git-ignored, outside every Compose volume. */
  snapshotsDir: join(repoRoot, '.snapshots'),
} as const;
