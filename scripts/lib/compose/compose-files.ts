/**
 * Which compose files make up the stack: compose.yaml, then the overlays the start
 * levers switch on (config/start-levers.ts). Every Compose call of one process gets the
 * same list (compose.ts): `ps`, `config --hash` and `up` must see one model, or a
 * no-op `up` would find every service changed.
 * - compose/elasticsearch-lean.yaml when ELASTICSEARCH_LEAN=on;
 * - compose/early-start.yaml when EARLY_START=on (whatever the engine: it changes only
 *   `depends_on` conditions, which every Compose v2 takes);
 * - compose/healthcheck-start-interval.yaml when HEALTHCHECK_START_INTERVAL is a time
 *   and the engine speaks API 1.44 (Docker Engine 25), the first with healthcheck
 *   `start_interval` (https://docs.docker.com/reference/compose-file/services/#healthcheck);
 *   Compose refuses the key against an older engine, so there the file is left out.
 */
import { join } from 'node:path';
import type { StartLevers } from '../config/start-levers.ts';

export const START_INTERVAL_MIN_API = '1.44';

export const OVERLAY_FILES = {
  elasticsearchLean: 'elasticsearch-lean.yaml',
  earlyStart: 'early-start.yaml',
  healthcheckStartInterval: 'healthcheck-start-interval.yaml',
} as const;

/** "1.41" >= "1.44"? Numeric per part; an unknown version is never enough. */
export function apiAtLeast(version: string | undefined, minimum: string): boolean {
  const parts = (text: string) => text.split('.').map((part) => Number(part));
  if (version === undefined || !/^\d+(\.\d+)*$/.test(version.trim())) return false;
  const [have, want] = [parts(version.trim()), parts(minimum)];
  for (let index = 0; index < Math.max(have.length, want.length); index++) {
    const difference = (have[index] ?? 0) - (want[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/** Whether the start interval needs the engine's API version at all (to ask Docker only then). */
export function needsEngineApi(levers: Pick<StartLevers, 'healthcheckStartInterval'>): boolean {
  return levers.healthcheckStartInterval !== undefined;
}

/**
 * compose.yaml first (it sets the project's directory and name), then the overlays. An
 * interval asked for on an older engine is left out here; the doctor warns about it
 * (doctor/check-docker.ts).
 */
export function composeFilesFor(baseFile: string, levers: StartLevers, engineApi: string | undefined): string[] {
  const dir = join(baseFile, '..');
  const files = [baseFile];
  if (levers.elasticsearchLean) files.push(join(dir, OVERLAY_FILES.elasticsearchLean));
  if (levers.earlyStart) files.push(join(dir, OVERLAY_FILES.earlyStart));
  if (levers.healthcheckStartInterval !== undefined && apiAtLeast(engineApi, START_INTERVAL_MIN_API)) files.push(join(dir, OVERLAY_FILES.healthcheckStartInterval));
  return files;
}
