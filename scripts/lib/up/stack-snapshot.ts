/**
 * What `up` knows of the stack before it decides anything: the services, their
 * configuration hashes and the containers. `up` runs the doctor first, and the doctor
 * asks Compose for the containers for its own checks (ports, the kernel probe); a
 * no-op `up` pays for every Compose round trip (about a second in all, issue 12). So
 * `up` hands the doctor a stack view that asks for the hashes and the containers at
 * once, and keeps the answers here: the doctor only checks, and `up` owns its cache.
 * The local images' build labels are asked at the same moment: their tag is the
 * project's (stack-config.ts localImageTagOf), known once the doctor read the config.
 */
import type { Config } from '../config/load-config.ts';
import type { StackConfig } from '../config/stack-config.ts';
import type { ComposeModel } from '../compose/compose.ts';
import type { ContainerState } from '../compose/parse-ps.ts';
import { orderServices } from '../compose/service-readiness.ts';
import type { DoctorDeps, DoctorReport } from '../doctor/run-doctor.ts';

export interface StackView {
  ps(): Promise<ContainerState[]>;
  config(): Promise<ComposeModel>;
  serviceHashes(): Promise<Map<string, string>>;
}

export interface StackSnapshot {
  services: string[];
  /** Each service's current configuration hash (see staleServices). */
  hashes: Map<string, string>;
  containers: ContainerState[];
  /** The local images' source labels (build-images.ts localImageLabels). */
  imageLabels: Promise<Map<string, string>>;
}

/** The doctor's dependencies with a stack that also answers `up`'s question. */
export type SnapshotDoctorDeps = Omit<DoctorDeps, 'stack'> & { stack: (config: Config, stackConfig: StackConfig) => StackView };

export interface SnapshotTaker {
  doctorDeps: DoctorDeps;
  /** The snapshot, when the doctor found Compose usable; otherwise nothing (Compose's answers are not trusted). */
  snapshot(report: DoctorReport): Promise<StackSnapshot | undefined>;
}

export function takeSnapshotAlongTheDoctor(deps: SnapshotDoctorDeps, imageLabels: (tag: string) => Promise<Map<string, string>>): SnapshotTaker {
  let asked:
    | { hashes: Promise<Map<string, string> | undefined>; containers: Promise<ContainerState[] | undefined>; imageLabels: Promise<Map<string, string>> }
    | undefined;
  const stack: DoctorDeps['stack'] = (config, stackConfig) => {
    const view = deps.stack(config, stackConfig);
    // All at once, when the doctor first asks for the containers: one round trip.
    const containers = view.ps();
    const labels = imageLabels(stackConfig.localImageTag);
    // Awaited only by `up`; a failure here must not surface as an unhandled rejection first.
    labels.catch(() => undefined);
    asked = { hashes: view.serviceHashes().catch(() => undefined), containers: containers.catch(() => undefined), imageLabels: labels };
    return { ps: () => containers, config: () => view.config() };
  };
  return {
    doctorDeps: { ...deps, stack },
    async snapshot(report) {
      const composeUsable = report.results.some((result) => result.name === 'compose' && result.status === 'ok');
      if (!asked || !composeUsable) return undefined;
      const [hashes, containers] = await Promise.all([asked.hashes, asked.containers]);
      return hashes && containers ? { services: orderServices([...hashes.keys()]), hashes, containers, imageLabels: asked.imageLabels } : undefined;
    },
  };
}
