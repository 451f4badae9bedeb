/**
 * `npm run up [-- --clean] [-- --build] [-- --timeout <seconds>] [-- --verbose]`:
 * doctor → compose up -d --wait → register the connector → wait RUNNING → table.
 * On a running, healthy stack it skips Compose entirely. Ctrl-C (or SIGTERM) stops
 * every wait, says what is left running, honours --clean and exits 130 (143).
 */
import { loadConnector } from '../lib/connect/render-connector.ts';
import { connectUrl, createConnectClient } from '../lib/connect/connect-client.ts';
import { registerConnector } from '../lib/connect/register-connector.ts';
import { removeForeignConnectors } from '../lib/connect/foreign-connectors.ts';
import { stackConfigOf } from '../lib/config/stack-config.ts';
import { allReady, assessStack, orderServices, staleServices } from '../lib/compose/service-readiness.ts';
import { parseArgs, type ParsedArgs } from '../lib/args.ts';
import type { Compose } from '../lib/compose/compose.ts';
import type { Config } from '../lib/config/load-config.ts';
import type { DoctorReport } from '../lib/doctor/run-doctor.ts';
import { UserError } from '../lib/errors.ts';
import { listenForInterrupts, type InterruptSource } from '../lib/interrupts.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { createOutput, type Output } from '../lib/ui/output.ts';
import { renderTable } from '../lib/ui/table.ts';
import { serviceUrl } from '../lib/up/service-urls.ts';
import { interruptibleUp } from '../lib/up/interrupted-up.ts';
import { startStack } from '../lib/up/start-stack.ts';
import { Deadline, formatDuration, realClock, type Clock } from '../lib/wait/clock.ts';
import { runDoctorReport } from './doctor.ts';

const USAGE = 'npm run up [-- --clean] [-- --build] [-- --timeout <seconds>] [-- --verbose]';
/** Cold start on a laptop with images cached is ~1-2 min; first pulls take longer. */
const DEFAULT_TIMEOUT_SECONDS = 600;

export interface UpDeps {
  /** Ctrl-C and SIGTERM; the real source listens on this process (see interrupts.ts). */
  interrupts?: InterruptSource;
}

export async function run(args: string[], { interrupts = listenForInterrupts() }: UpDeps = {}): Promise<number> {
  try {
    return await up(args, interrupts.signal);
  } finally {
    interrupts.dispose();
  }
}

async function up(args: string[], signal: AbortSignal): Promise<number> {
  const { flags } = parseArgs(args, { boolean: ['clean', 'build', 'verbose'], string: ['timeout'] }, USAGE);
  const timeoutSeconds = flags.timeout ? Number(flags.timeout) : DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UserError(`--timeout ${String(flags.timeout)} is not a number of seconds`, USAGE);

  const out = createOutput();
  const clock = realClock;
  const started = clock.now();
  const doctor = await runDoctorReport(out);
  // Interrupted during the doctor: nothing was started, but the report and --clean still apply.
  const compose = doctor.config ? stackCompose(doctor.config) : undefined;
  const interruptible = { signal, compose, clean: flags.clean === true, out, elapsedMs: () => clock.now() - started };
  return interruptibleUp(interruptible, async () => {
    if (doctor.failed || !doctor.config || !compose) throw new UserError('the doctor found problems (✖ above)', 'apply the fix lines above, then run `npm run up` again');
    return startAndConnect({ flags, timeoutSeconds, doctor, config: doctor.config, compose, out, clock, started, signal });
  });
}

interface StartContext {
  flags: ParsedArgs['flags'];
  timeoutSeconds: number;
  doctor: DoctorReport;
  config: Config;
  compose: Compose;
  out: Output;
  clock: Clock;
  started: number;
  signal: AbortSignal;
}

/** Compose up (unless the stack is up and current), the connector, the table. */
async function startAndConnect({ flags, timeoutSeconds, doctor, config, compose, out, clock, started, signal }: StartContext): Promise<number> {
  const deadline = new Deadline(clock, timeoutSeconds * 1000);

  // The doctor has just asked Compose for the services, their configuration hashes
  // and the containers: reuse that rather than pay for more Compose calls on every no-op `up`.
  const hashes = doctor.stack?.hashes ?? (await compose.serviceHashes());
  const services = doctor.stack?.services ?? orderServices([...hashes.keys()]);
  const containers = doctor.stack?.containers ?? (await compose.ps());
  const before = assessStack(services, containers);
  // Like `docker compose up`: a changed compose.yaml or .env recreates what it changes,
  // even on a healthy stack.
  const changed = staleServices(hashes, containers);
  let readyAfter = new Map<string, number>();
  out.line();
  if (allReady(before) && changed.length === 0 && !flags.build) {
    out.line(out.green('stack already up and healthy: nothing to start'));
  } else {
    if (changed.length > 0) out.line(`configuration changed for ${changed.join(', ')}: Compose recreates ${changed.length === 1 ? 'it' : 'them'}`);
    if (flags.build) {
      out.line('building the local service images (--build)');
      await compose.build({ signal });
    }
    out.line(out.bold(`starting ${services.length} services (deadline ${formatDuration(deadline.remainingMs())})`));
    readyAfter = await startStack({ compose, services, deadline, clock, out, clean: flags.clean === true, verbose: flags.verbose === true, signal });
  }

  const connector = loadConnector(config.values);
  const client = createConnectClient(connectUrl(config.values));
  const connectStarted = clock.now();
  const engine = stackConfigOf(config.values).engine;
  for (const removed of await removeForeignConnectors({ client, values: config.values, deadline, signal })) {
    out.line(`  removed connector ${removed.name}: it captured DB_ENGINE=${removed.engine} and this stack now runs ${engine} (its offsets are reset: switching back snapshots the table again)`);
  }
  const status = await registerConnector({ client, connector, deadline, onProgress: (message) => out.line(`  ${message}`), signal });
  out.line(`  connector ${status.name}: ${status.connector.state}, tasks ${status.tasks.map((t) => `${t.id}=${t.state}`).join(' ')} (${formatDuration(clock.now() - connectStarted)})`);

  out.line();
  const rows = services.map((service) => [
    service,
    serviceUrl(service, config),
    readyAfter.has(service) ? formatDuration(readyAfter.get(service)!) : before.find((r) => r.service === service)?.readiness === 'ready' ? 'already up' : '-',
  ]);
  out.line(renderTable(['service', 'reach it at', 'ready after'], rows));
  out.line();
  out.line(out.green(`up in ${formatDuration(clock.now() - started)}. Next: npm run smoke`));
  return 0;
}
