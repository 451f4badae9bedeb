/**
 * `npm run up -- [--profile <name>] [--clean] [--build] [--timeout <seconds>] [--verbose]`:
 * doctor → compose up -d --wait → register the connector → wait RUNNING → table.
 * The profile (config/profile-record.ts) says which services start; those it leaves out
 * are removed if an earlier profile started them, and listed as off in the table.
 * On a running, healthy stack it skips Compose entirely. Ctrl-C (or SIGTERM) stops
 * every wait, says what is left running, honours --clean and exits 130 (143).
 */
import { loadConnector } from '../lib/connect/render-connector.ts';
import { loadOutboxConnectors } from '../lib/connect/outbox-connectors.ts';
import { loadAvailabilityConnector } from '../lib/connect/availability-connector.ts';
import { createConnectClient } from '../lib/connect/connect-client.ts';
import { registerConnector } from '../lib/connect/register-connector.ts';
import { assessStack, orderServices, servicesOnOlderImages, staleServices } from '../lib/compose/service-readiness.ts';
import { defineCommand, type OptionValues } from '../lib/cli/command.ts';
import { removeForeignConnectors } from '../lib/connect/foreign-connectors.ts';
import type { Compose } from '../lib/compose/compose.ts';
import type { Config } from '../lib/config/load-config.ts';
import type { StackConfig } from '../lib/config/stack-config.ts';
import { realDoctorDeps } from '../lib/doctor/run-doctor.ts';
import { probeOwnConsole } from '../lib/console/console-identity.ts';
import { paths } from '../lib/paths.ts';
import { takeSnapshotAlongTheDoctor, type StackSnapshot } from '../lib/up/stack-snapshot.ts';
import { ChecksFailed, UsageError } from '../lib/errors.ts';
import { listenForInterrupts, type InterruptSource } from '../lib/interrupts.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { createOutput, type Output } from '../lib/ui/output.ts';
import { renderTable } from '../lib/ui/table.ts';
import { connectorLine, decideStart, offRows, servicesLeftOut, summaryRows } from '../lib/up/up-plan.ts';
import { chooseProfile, fileProfileRecord, profileLine } from '../lib/config/profile-record.ts';
import { PROFILE_NAMES } from '../lib/config/stack-config.ts';
import { interruptibleUp } from '../lib/up/interrupted-up.ts';
import { startStack } from '../lib/up/start-stack.ts';
import { rollReplicas } from '../lib/up/roll-replicas.ts';
import { whenReady } from '../lib/up/when-ready.ts';
import { pullMissingImages } from '../lib/pull/pull-missing.ts';
import { buildLocalImages, localImageLabels, planLocalBuilds } from '../lib/build/build-images.ts';
import { localImages } from '../lib/up/local-images.ts';
import { realExec } from '../lib/exec.ts';
import { Deadline, formatDuration, realClock, type Clock } from '../lib/wait/clock.ts';
import { runDoctorReport } from '../lib/doctor/doctor-report.ts';
import { ensureCertificates, outcomeLines } from '../lib/tls/ensure-certificates.ts';
import { realIssuer } from '../lib/tls/issue-certificates.ts';
import { directoryStore } from '../lib/tls/tls-files.ts';

const USAGE = `npm run up -- [--profile <${PROFILE_NAMES.join('|')}>] [--clean] [--build] [--timeout <seconds>] [--verbose] [--all-at-once]`;
/** Cold start on a laptop with images cached is ~1-2 min; first pulls take longer. */
const DEFAULT_TIMEOUT_SECONDS = 600;

const options = {
  profile: { type: 'string', value: 'NAME', description: `start this part of the stack (${PROFILE_NAMES.join(', ')}; default full) and keep it for the next \`npm run up\`` },
  clean: { type: 'boolean', description: 'on a failed or interrupted start, remove the containers (data volumes are kept)' },
  build: { type: 'boolean', description: 'build the local images first, even when their sources are unchanged' },
  timeout: { type: 'string', value: 'SECONDS', description: `one deadline for the whole start (default ${DEFAULT_TIMEOUT_SECONDS})` },
  verbose: { type: 'boolean', description: "show Compose's own output" },
  'all-at-once': { type: 'boolean', description: 'let Compose recreate the replicas behind HAProxy together (faster; requests fail meanwhile), not one at a time' },
} as const;
type Flags = OptionValues<typeof options>;

export interface UpDeps {
  /** Ctrl-C and SIGTERM; the real source listens on this process (see interrupts.ts). */
  interrupts?: InterruptSource;
}

export const command = defineCommand({
  summary: 'doctor → start the stack → register the connector → table of URLs',
  usage: USAGE,
  options,
  run: ({ values }) => run(values),
});

export async function run(flags: Flags, { interrupts = listenForInterrupts() }: UpDeps = {}): Promise<void> {
  try {
    return await up(flags, interrupts.signal);
  } finally {
    interrupts.dispose();
  }
}

async function up(flags: Flags, signal: AbortSignal): Promise<void> {
  const timeoutSeconds = flags.timeout ? Number(flags.timeout) : DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError(`--timeout ${String(flags.timeout)} is not a number of seconds`, USAGE);
  // An unknown name stops here, before the doctor: the error lists the profiles.
  const asked = flags.profile === undefined ? undefined : chooseProfile(flags.profile, undefined).name;

  const out = createOutput();
  const clock = realClock;
  const started = clock.now();
  // Before the doctor: the Compose adapter it sets up hands HAProxy the server certificate (tls/edge-tls-variables.ts).
  const store = directoryStore(paths.tlsDir);
  for (const line of outcomeLines(await ensureCertificates({ store, now: () => clock.now(), issuer: realIssuer }), store.describe)) out.line(line);
  // Asked while the doctor runs: a no-op `up` has about a second in all (issue 12).
  const taker = takeSnapshotAlongTheDoctor(
    realDoctorDeps((port) => probeOwnConsole(port, paths.repoRoot), process.env, asked),
    (tag) => localImageLabels(realExec, tag),
  );
  const doctor = await runDoctorReport(out, taker.doctorDeps);
  const snapshot = await taker.snapshot(doctor);
  // Interrupted during the doctor: nothing was started, but the report and --clean still apply.
  const configured = doctor.config && doctor.stackConfig ? { config: doctor.config, stack: doctor.stackConfig } : undefined;
  const compose = configured ? stackCompose(configured) : undefined;
  const interruptible = { signal, compose, clean: flags.clean === true, out, elapsedMs: () => clock.now() - started };
  return interruptibleUp(interruptible, async () => {
    if (doctor.failed || !configured || !compose) throw new ChecksFailed('the doctor found problems (✖ above)', 'apply the fix lines above, then run `npm run up` again');
    const record = fileProfileRecord();
    const { project } = configured.stack;
    const chosen = chooseProfile(flags.profile, record.read(project));
    // Kept once the doctor passed for it: the next plain `up` (and `status`) go by it.
    if (chosen.source === 'option') await record.write(project, chosen.name);
    out.line(profileLine(chosen));
    return startAndConnect({ flags, timeoutSeconds, snapshot, ...configured, compose, out, clock, started, signal });
  });
}

interface StartContext {
  flags: Flags;
  timeoutSeconds: number;
  /** What the doctor's round trip to Compose also told `up` (see stack-snapshot.ts). */
  snapshot: StackSnapshot | undefined;
  config: Config;
  stack: StackConfig;
  compose: Compose;
  out: Output;
  clock: Clock;
  started: number;
  signal: AbortSignal;
}

/** Compose up (unless the stack is up and current), the connector, the table. */
async function startAndConnect({ flags, timeoutSeconds, snapshot, config, stack, compose, out, clock, started, signal }: StartContext): Promise<void> {
  const deadline = new Deadline(clock, timeoutSeconds * 1000);

  // Asked along with the doctor's own Compose call: no more Compose calls on a no-op `up`.
  const hashes = snapshot?.hashes ?? (await compose.serviceHashes());
  const services = snapshot?.services ?? orderServices([...hashes.keys()]);
  const containers = snapshot?.containers ?? (await compose.ps());
  const before = assessStack(services, containers);
  const imageLabels = snapshot?.imageLabels ?? localImageLabels(realExec, stack.localImageTag);
  const builds = await planLocalBuilds({ labels: imageLabels, stack, force: flags.build === true });
  const decision = decideStart(before, staleServices(hashes, containers), builds, servicesOnOlderImages(containers));
  // The catalog's change capture, the inventory's for date search (issue 21), then each service database's outbox (issue 20).
  // All of them whenever Connect runs (a profile with search or bookings): the capture then never
  // pauses while one half is off, and a later `--profile full` resumes without a new snapshot.
  const connectors = stack.profile.connect ? [loadConnector(stack), loadAvailabilityConnector(stack), ...loadOutboxConnectors(stack)] : [];
  const client = createConnectClient(stack.urls.connect);
  let connectTookMs = 0;
  // Registered the moment Connect is ready, while the rest still starts (issue 12).
  const registration = whenReady('connect', async () => {
    const connectStarted = clock.now();
    // After a DB_ENGINE switch the other engine's connector would stream the other database into search.
    for (const removed of await removeForeignConnectors({ client, stack, deadline, signal })) {
      out.line(`  removed connector ${removed.name}: it captured DB_ENGINE=${removed.engine} and this stack now runs ${stack.engine} (its offsets are reset: switching back snapshots the table again)`);
    }
    // Together: each waits for its tasks to run, and Connect retries the rebalance they cause (409).
    const statuses = await Promise.all(connectors.map((connector) => registerConnector({ client, connector, deadline, onProgress: (message) => out.line(`  ${message}`), signal })));
    connectTookMs = clock.now() - connectStarted;
    return statuses;
  });
  let readyAfter = new Map<string, number>();
  out.line();
  // Containers of services the profile leaves out (a bigger profile started them): stopped
  // and removed, their data volumes kept, so the profile's memory is what runs.
  const leftOut = servicesLeftOut(containers, stack.profile.off);
  if (leftOut.length > 0) {
    out.line(`profile ${stack.profile.name} leaves out ${leftOut.join(', ')}: stopping and removing ${leftOut.length === 1 ? 'its container' : 'their containers'} (data volumes kept)`);
    await compose.remove(leftOut);
  }
  if (!decision.start) {
    out.line(out.green('stack already up and healthy: nothing to start'));
  } else {
    for (const note of decision.notes) out.line(note);
    await pullMissingImages({ compose, presentImages: () => localImages(realExec), imageVariables: stack.imageVariables, out, clock, signal });
    await buildLocalImages({ builds: decision.builds, compose, out, clock, signal });
    // Replicas behind HAProxy one at a time, so the rebuild drops no request (issue 23); then Compose does the rest.
    const replaced = flags['all-at-once'] === true ? [] : await rollReplicas({ compose, stack, before, hashes, out, clock, deadline, signal });
    out.line(out.bold(`starting ${services.length} services (deadline ${formatDuration(deadline.remainingMs())})`));
    readyAfter = await startStack({ compose, services, deadline, clock, out, clean: flags.clean === true, verbose: flags.verbose === true, signal, onReady: registration.onReady, leaveAlone: replaced });
  }

  if (connectors.length > 0) for (const status of await registration.result()) out.line(`  ${connectorLine(status, connectTookMs)}`);

  out.line();
  out.line(renderTable(['service', 'reach it at', 'ready after'], [...summaryRows({ services, stack, before, readyAfter }), ...offRows(stack.profile.off)]));
  out.line();
  out.line(out.green(`up in ${formatDuration(clock.now() - started)}. Next: npm run smoke`));
  out.line(`console (services, connector, indexer, change events): npm run console → ${stack.urls.console}/`);
}
