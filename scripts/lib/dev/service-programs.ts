/**
 * Which containers run which code, read from the Compose model: a service whose
 * command is `node services/dist/<folder>/<file>.js` runs the services image's build
 * of services/<folder>/ (with kit/ and lib/, which every service imports). So a saved
 * file under services/<folder>/ concerns those services; one under kit/ or lib/, all.
 */
import type { ComposeModel } from '../compose/compose.ts';
import { ONE_SHOT_SERVICES } from '../compose/service-readiness.ts';
import { SHARED_FOLDERS } from './source-change.ts';

export interface ServiceProgram {
  service: string;
  /** services/<folder>/ holds its entry point. */
  folder: string;
  /** Runs once and exits (db-setup): nothing to restart. */
  oneShot: boolean;
  /** Its healthcheck as compose.yaml declares it (["CMD", ...] or ["CMD-SHELL", "..."]); undefined when it has none. */
  healthcheck: string[] | undefined;
}

const ENTRY = /^services\/dist\/([^/]+)\/[^/]+\.js$/;

export function servicePrograms(model: ComposeModel, oneShots = ONE_SHOT_SERVICES): ServiceProgram[] {
  return Object.entries(model.services).flatMap(([service, definition]) => {
    const command = definition.command ?? [];
    const folder = command[0] === 'node' ? ENTRY.exec(command[1] ?? '')?.[1] : undefined;
    if (!folder) return [];
    const test = definition.healthcheck?.disable ? undefined : definition.healthcheck?.test;
    return [{ service, folder, oneShot: oneShots.has(service), healthcheck: test && test[0] !== 'NONE' ? test : undefined }];
  });
}

/** The programs a set of changed folders concerns. */
export function programsConcerned(programs: ServiceProgram[], folders: Iterable<string>): ServiceProgram[] {
  const changed = new Set(folders);
  if ([...changed].some((folder) => SHARED_FOLDERS.has(folder))) return programs;
  return programs.filter((program) => changed.has(program.folder));
}
