/**
 * `up`'s build step: decides which local images to build (local-builds.ts), builds
 * them through Compose before anything starts, and reports the build apart from the
 * start, so a slow first build never reads as a slow stack.
 */
import { paths } from '../paths.ts';
import type { Compose } from '../compose/compose.ts';
import type { Exec } from '../exec.ts';
import type { Output } from '../ui/output.ts';
import { formatDuration, type Clock } from '../wait/clock.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { readSourceLabels } from './image-labels.ts';
import { localBuildsOf, planBuilds, repositoryTree, sourceFingerprint, type PlannedBuild, type SourceTree } from './local-builds.ts';

export interface PlanDeps {
  /** From localImageLabels, which `up` asks while its doctor runs. */
  labels: Promise<Map<string, string>>;
  /** Its build inputs (NODE_IMAGE, NODE_VERSION) are part of each fingerprint. */
  stack: Pick<StackConfig, 'buildInputs' | 'localImageTag'>;
  force: boolean;
  tree?: SourceTree;
}

/** The local images' source labels: one `docker image inspect`, needing only the project's tag. */
export function localImageLabels(exec: Exec, tag: string): Promise<Map<string, string>> {
  return readSourceLabels(exec, localBuildsOf(tag).map((build) => build.image));
}

export async function planLocalBuilds({ labels, stack, force, tree = repositoryTree(paths.repoRoot) }: PlanDeps): Promise<PlannedBuild[]> {
  const fingerprints = new Map(localBuildsOf(stack.localImageTag).map((build) => [build, sourceFingerprint(build, tree, stack.buildInputs)]));
  return planBuilds(fingerprints, await labels, force);
}

function describeBuilds(builds: PlannedBuild[]): string {
  return builds.map(({ build, reason }) => `${build.image} (${reason})`).join(', ');
}

export async function buildLocalImages({ builds, compose, out, clock, signal }: { builds: PlannedBuild[]; compose: Compose; out: Output; clock: Clock; signal?: AbortSignal }): Promise<void> {
  if (builds.length === 0) return;
  const started = clock.now();
  out.line(`building ${describeBuilds(builds)}`);
  await compose.build({
    services: builds.map(({ build }) => build.service),
    variables: Object.fromEntries(builds.map(({ build, fingerprint }) => [build.fingerprintVariable, fingerprint])),
    ...(signal ? { signal } : {}),
  });
  // On its own line, so a first build never reads as a slow start.
  out.line(`built in ${formatDuration(clock.now() - started)}`);
}
