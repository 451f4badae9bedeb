/**
 * `npm run up [-- --clean] [-- --build] [-- --timeout <seconds>] [-- --verbose]`:
 * doctor → compose up -d --wait → register the connector → wait RUNNING → table.
 * On a running, healthy stack it skips Compose entirely.
 */
import { loadConnector } from '../lib/connect/render-connector.ts';
import { connectUrl, createConnectClient } from '../lib/connect/connect-client.ts';
import { registerConnector } from '../lib/connect/register-connector.ts';
import { allReady, assessStack, orderServices, staleServices } from '../lib/compose/stack-state.ts';
import { parseArgs } from '../lib/args.ts';
import { UserError } from '../lib/errors.ts';
import { stackCompose } from '../lib/stack.ts';
import { createOutput } from '../lib/ui/output.ts';
import { renderTable } from '../lib/ui/table.ts';
import { serviceUrl } from '../lib/up/service-urls.ts';
import { startStack } from '../lib/up/start-stack.ts';
import { Deadline, formatDuration, realClock } from '../lib/wait/clock.ts';
import { runDoctorReport } from './doctor.ts';

const USAGE = 'npm run up [-- --clean] [-- --build] [-- --timeout <seconds>] [-- --verbose]';
/** Cold start on a laptop with images cached is ~1-2 min; first pulls take longer. */
const DEFAULT_TIMEOUT_SECONDS = 600;

export async function run(args: string[]): Promise<number> {
  const { flags } = parseArgs(args, { boolean: ['clean', 'build', 'verbose'], string: ['timeout'] }, USAGE);
  const timeoutSeconds = flags.timeout ? Number(flags.timeout) : DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UserError(`--timeout ${String(flags.timeout)} is not a number of seconds`, USAGE);

  const out = createOutput();
  const clock = realClock;
  const started = clock.now();
  const doctor = await runDoctorReport(out);
  if (doctor.failed || !doctor.config) throw new UserError('the doctor found problems (✖ above)', 'apply the fix lines above, then run `npm run up` again');
  const config = doctor.config;
  const compose = stackCompose(config);
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
      await compose.build();
    }
    out.line(out.bold(`starting ${services.length} services (deadline ${formatDuration(deadline.remainingMs())})`));
    readyAfter = await startStack({ compose, services, deadline, clock, out, clean: flags.clean === true, verbose: flags.verbose === true });
  }

  const connector = loadConnector(config.values);
  const client = createConnectClient(connectUrl(config.values));
  const connectStarted = clock.now();
  const status = await registerConnector({ client, connector, deadline, onProgress: (message) => out.line(`  ${message}`) });
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
