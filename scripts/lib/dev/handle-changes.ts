/**
 * One batch of saved files, as `npm run dev` acts on it:
 * - an input of the image build that a push cannot carry (package.json, the lock file,
 *   proto/, mysql/, ...): says so and runs `up`, which rebuilds the image and replaces
 *   the services (the replicas one at a time);
 * - services' code: compiled file by file, pushed into the running containers of the
 *   services it concerns, which are restarted (reload-services.ts), one line each;
 * - anything else: nothing.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerState } from '../compose/parse-ps.ts';
import { UserError } from '../errors.ts';
import { errorText } from '../text.ts';
import { formatDuration, type Clock } from '../wait/clock.ts';
import type { ChangeBatch } from './change-queue.ts';
import type { CompiledFiles } from './compile-sources.ts';
import { groupReload, reloadGroups, type GroupOutcome, type ReloadDeps } from './reload-services.ts';
import { programsConcerned, type ServiceProgram } from './service-programs.ts';
import { classifyChange } from './source-change.ts';

export interface HandleDeps extends Omit<ReloadDeps, 'clock'> {
  repoRoot: string;
  programs: ServiceProgram[];
  clock: Clock;
  compile(sources: string[]): CompiledFiles;
  ps(): Promise<ContainerState[]>;
  /** `npm run up` in this process: the rebuild. */
  runUp(): Promise<void>;
  exists?: (path: string) => boolean;
}

export type BatchOutcome = { kind: 'rebuilt' | 'nothing' | 'not compiled' } | { kind: 'reloaded'; groups: GroupOutcome[] };

export async function handleChanges(batch: ChangeBatch, deps: HandleDeps): Promise<BatchOutcome> {
  const { out, clock } = deps;
  const exists = deps.exists ?? existsSync;
  const changes = batch.paths.map(classifyChange);
  const rebuild = changes.find((change) => change.kind === 'rebuild');
  if (rebuild) {
    out.line(`${rebuild.path} changed: a push cannot carry it, so the services image is rebuilt (npm run up)`);
    await deps.runUp();
    out.line(`services image rebuilt and its services replaced in ${formatDuration(clock.now() - batch.savedAt)}`);
    return { kind: 'rebuilt' };
  }
  // A file deleted or renamed away has nothing to compile; its old build stays unused.
  const code = changes.flatMap((change) => (change.kind === 'code' && exists(join(deps.repoRoot, change.path)) ? [change] : []));
  if (code.length === 0) return { kind: 'nothing' };
  const containers = deps.ps();
  let compiled: CompiledFiles;
  try {
    compiled = deps.compile(code.map((change) => change.path));
  } catch (error) {
    containers.catch(() => undefined);
    if (!(error instanceof UserError)) throw error;
    out.line(`not reloaded: ${error.message} (${error.fix})`);
    return { kind: 'not compiled' };
  }
  let early = new Map<string, Promise<void>>();
  try {
    const concerned = programsConcerned(deps.programs, code.map((change) => change.folder));
    // Pushed while Compose lists the containers (a fifth of a second): a container that
    // turns out not to run gets the code for its next start, or has none to get it.
    early = new Map(concerned.filter((program) => !program.oneShot).map((program) => [program.service, deps.push(program.service, compiled)]));
    for (const push of early.values()) push.catch(() => undefined);
    const push = (service: string, files: CompiledFiles) => early.get(service) ?? deps.push(service, files);
    const { groups, oneShots } = groupReload(concerned, await containers);
    if (oneShots.length > 0) out.line(`${oneShots.join(', ')} runs once, at start: the change runs at the next npm run up (which rebuilds the image)`);
    if (groups.length === 0) {
      if (oneShots.length === 0) out.line(`${code.map((change) => change.path).join(', ')}: no running service runs it`);
      return { kind: 'reloaded', groups: [] };
    }
    return { kind: 'reloaded', groups: await reloadGroups(groups, compiled, batch.savedAt, { ...deps, push }) };
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    out.line(`not reloaded: ${errorText(error)}`);
    return { kind: 'reloaded', groups: [] };
  } finally {
    await Promise.allSettled(early.values());
    rmSync(compiled.dir, { recursive: true, force: true });
  }
}
