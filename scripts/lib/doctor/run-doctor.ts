/**
 * Runs every check in order, feeding each result to `onResult` as it is known.
 * Line endings come first and need nothing but the file system; checks that need
 * Docker are skipped with the reason when Docker is unusable, so the report always
 * names the root cause once.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { composeEnvironment } from '../config/compose-env.ts';
import { fallbackImages } from '../config/images.ts';
import type { Config } from '../config/load-config.ts';
import { recordedProfile } from '../config/profile-record.ts';
import { composeProjectOf, DEV_SERVER_PORT_VARIABLE, PORT_VARIABLES, stackConfigOf, type PortName, type ProfileName, type StackConfig } from '../config/stack-config.ts';
import { createCompose, detectComposeVersions, imagesOf, type Compose, type ComposeModel } from '../compose/compose.ts';
import type { ContainerState } from '../compose/parse-ps.ts';
import { publishedPorts } from '../compose/service-readiness.ts';
import { realExec, type Exec } from '../exec.ts';
import { paths } from '../paths.ts';
import { readEdgeTlsVariables } from '../tls/edge-tls-variables.ts';
import { archCheck } from './check-arch.ts';
import { composeCheck } from './check-compose.ts';
import { diskCheck, realFreeBytes, type FreeBytes } from './check-disk.ts';
import { dockerCheck, probeDocker } from './check-docker.ts';
import { envCheck, type EnvCheckInput } from './check-env.ts';
import { lineEndingsCheck, listProjectFiles } from './check-line-endings.ts';
import { maxMapCountCheck } from './check-max-map-count.ts';
import { memoryCheck } from './check-memory.ts';
import { checkNode } from './check-node.ts';
import { portsCheck } from './check-ports.ts';
import { tlsCheck } from './check-tls.ts';
import { inspectCertificates } from '../tls/inspect-certificates.ts';
import { TLS_FILE_NAMES, type TlsFiles } from '../tls/tls-files.ts';
import { skip, type CheckResult } from './check.ts';
import { probeDockerKernel } from './docker-kernel.ts';
import { findPortHolder, probePort, type PortProbe } from './port-probe.ts';

/** What the doctor asks of the stack: its containers (ports, the kernel probe) and, on a first start, its images. */
export interface StackView {
  ps(): Promise<ContainerState[]>;
  config(): Promise<ComposeModel>;
}

export interface DoctorDeps {
  root: string;
  exec: Exec;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  nodeVersion: string;
  envInput: EnvCheckInput;
  stack: (config: Config, stackConfig: StackConfig) => StackView;
  composeVersions: () => Promise<{ v2?: string; v1?: string; v2Error?: string }>;
  probePort: (port: number) => Promise<PortProbe>;
  findHolder: (port: number) => Promise<string | undefined>;
  /**
   * Whether this checkout's console (`npm run console`, a host process) holds the port.
   * Given by the command, so the doctor does not depend on the console.
   */
  ownConsoleOn: (port: number) => Promise<boolean>;
  freeBytes: FreeBytes;
  readHostFile: (path: string) => string | undefined;
  /** The files of .tls/ and the CA key's mode (tls/tls-files.ts); the time to judge them at. */
  readTls: () => { files: TlsFiles; caKeyMode?: number };
  now: () => number;
  /** The profile to check for (memory; the images of a first start): `up`'s choice, else the project's kept one. */
  profile?: (values: Record<string, string>) => ProfileName;
}

/** The real dependencies; the stack is the whole Compose adapter, so `up` can ask it more (up/stack-snapshot.ts). */
export function realDoctorDeps(ownConsoleOn: DoctorDeps['ownConsoleOn'], env: NodeJS.ProcessEnv = process.env, profile?: ProfileName): DoctorDeps & { stack: (config: Config, stackConfig: StackConfig) => Compose } {
  return {
    profile: (values) => profile ?? recordedProfile(composeProjectOf(values)),
    root: paths.repoRoot,
    exec: realExec,
    env,
    platform: process.platform,
    nodeVersion: process.versions.node,
    envInput: { env },
    stack: (config, stackConfig) => createCompose({ env: composeEnvironment(config, env, stackConfig, readEdgeTlsVariables(paths.tlsDir)), startLevers: stackConfig.startLevers }),
    composeVersions: () => detectComposeVersions(undefined, env),
    probePort,
    findHolder: (port) => findPortHolder(realExec, port),
    ownConsoleOn,
    freeBytes: realFreeBytes,
    readTls: () => readTlsFolder(paths.tlsDir),
    now: () => Date.now(),
    readHostFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export interface DoctorReport {
  results: CheckResult[];
  config?: Config;
  /** The typed config of `config`, built once here for `up` to use. */
  stackConfig?: StackConfig;
  failed: boolean;
}

export async function runDoctor(deps: DoctorDeps, onResult: (result: CheckResult) => void = () => {}): Promise<DoctorReport> {
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    onResult(result);
  };

  report(await lineEndingsCheck(deps.root, await listProjectFiles(deps.root, deps.exec)));
  report(checkNode(deps.nodeVersion));
  const env = envCheck(deps.envInput);
  report(env.result);
  const config = env.config;
  const stackConfig = config ? stackConfigOf(config.values, deps.profile?.(config.values)) : undefined;

  // Docker's and Compose's versions and the containers do not wait for one another:
  // ask all at once, and use the containers only if Docker and Compose pass. A no-op
  // `up` pays for the doctor every time: one round trip instead of three before the
  // kernel probe (issue 12).
  const dockerProbe = probeDocker(deps.exec, deps.env);
  const versionsProbe = deps.composeVersions();
  const asked = config && stackConfig ? deps.stack(config, stackConfig) : undefined;
  const psAsked = asked ? asked.ps().catch(() => undefined) : Promise.resolve(undefined);
  const docker = await dockerProbe;
  report(dockerCheck(docker, deps.env, stackConfig?.startLevers.healthcheckStartInterval));
  const dockerReady = docker.kind === 'ready';
  const composeResult = dockerReady ? composeCheck(await versionsProbe) : skip('compose', 'skipped: Docker is not usable');
  report(composeResult);
  const composeReady = composeResult.status === 'ok';
  const stack = composeReady ? asked : undefined;

  // The remaining probes are independent and each waits on Docker or Compose: run
  // them together, report in order.
  const psProbe = stack ? psAsked : Promise.resolve(undefined);
  const kernelProbe = dockerReady
    ? (async () => {
        const running = ((await psProbe) ?? []).filter((c) => c.state === 'running' && !c.oneOff).map((c) => c.name);
        // The stack's images are only needed when no container of it runs (a first start).
        const model = running.length === 0 ? await stack?.config().catch(() => undefined) : undefined;
        const images = model ? imagesOf(model) : config ? fallbackImages(config) : [];
        return probeDockerKernel(deps.exec, images, running);
      })()
    : Promise.resolve(undefined);
  const envValid = stackConfig !== undefined && env.result.status === 'ok';
  const portsProbe = envValid
    ? (async () => {
        const own = publishedPorts((await psProbe) ?? []);
        const byName = stackConfig.ports;
        if (await deps.ownConsoleOn(byName.console)) own.set(byName.console, 'console (npm run console)');
        // KAFKA_PORT is the broker's own: a profile without Kafka publishes nothing there.
        const unused = (name: string) => name === 'kafka' && stackConfig.profile.off.has('kafka');
        const ports = [
          ...Object.entries(PORT_VARIABLES)
            .filter(([name]) => !unused(name))
            .map(([name, variable]) => ({ variable, port: byName[name as PortName] })),
          { variable: DEV_SERVER_PORT_VARIABLE, port: stackConfig.devServerPort, onlyFor: 'npm run dev:web' },
        ];
        return portsCheck({ ports, probe: deps.probePort, ownPorts: own, findHolder: deps.findHolder });
      })()
    : Promise.resolve(skip('ports', 'skipped: .env is not valid'));
  const diskProbe = (async () => {
    const dockerRoot = dockerReady ? (await deps.exec('docker', ['info', '--format', '{{.DockerRootDir}}'])).stdout.trim() : '';
    return diskCheck([dockerRoot, deps.root].filter(Boolean), deps.freeBytes);
  })();

  const kernel = await kernelProbe;
  const inDockerMaxMap = kernel && !('error' in kernel) ? kernel.maxMapCount : undefined;
  const plan = stackConfig?.profile;
  report(memoryCheck(kernel, plan && { profile: plan.name, budgetMib: plan.memoryMib, whole: plan.off.size === 0 }));
  report(maxMapCountCheck({ ...(inDockerMaxMap === undefined ? {} : { inDocker: inDockerMaxMap }), platform: deps.platform, readHostFile: deps.readHostFile }));
  report(await portsProbe);
  report(await diskProbe);
  report(archCheck(undefined, deps.platform));
  const tls = deps.readTls();
  report(tlsCheck({ facts: inspectCertificates(tls.files), now: deps.now(), ...(tls.caKeyMode === undefined ? {} : { caKeyMode: tls.caKeyMode }), where: relative(deps.root, paths.tlsDir) || '.tls' }));

  return { results, ...(config && stackConfig ? { config, stackConfig } : {}), failed: results.some((r) => r.status === 'fail') };
}

/** The four files of .tls/, as far as they exist, and the CA key's mode (none on Windows, whose modes mean nothing here). */
function readTlsFolder(dir: string): { files: TlsFiles; caKeyMode?: number } {
  const files: TlsFiles = {};
  for (const [name, file] of Object.entries(TLS_FILE_NAMES) as Array<[keyof TlsFiles, string]>) {
    try {
      files[name] = readFileSync(join(dir, file), 'utf8');
    } catch {
      // absent: the check says what `up` will do
    }
  }
  if (files.caKey === undefined || process.platform === 'win32') return { files };
  return { files, caKeyMode: statSync(join(dir, TLS_FILE_NAMES.caKey)).mode & 0o777 };
}
