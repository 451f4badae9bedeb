/**
 * `compose up -d --wait`, watched. Compose's exit code alone is not trusted: it
 * exits 1 when a one-shot container completes unless a dependent adopts it
 * (docker/compose#10596), and on failure it does not say why. So a `ps` snapshot is
 * the judge: every service ready → started; otherwise the failing service is named
 * and its last log lines are shown.
 *
 * The signal (Ctrl-C) stops the wait: the `compose up --wait` child is stopped too,
 * and the Interrupted is thrown once it has exited, so that nothing of this `up` keeps
 * waiting in the background. What to say and whether to clean up is the caller's
 * (see interrupted-up.ts): the interrupt can also come during the connector's wait.
 */
import type { Compose } from '../compose/compose.ts';
import { allReady, assessStack, type ServiceReport } from '../compose/service-readiness.ts';
import { UserError } from '../errors.ts';
import { throwIfInterrupted, untilInterrupted } from '../interrupts.ts';
import { errorOutput, indent, lastLines } from '../text.ts';
import type { Output } from '../ui/output.ts';
import type { Clock, Deadline } from '../wait/clock.ts';
import { formatDuration } from '../wait/clock.ts';
import { ProgressTracker } from './progress.ts';

export type StackCompose = Pick<Compose, 'up' | 'ps' | 'logs' | 'down'>;

export interface StartOptions {
  compose: StackCompose;
  services: string[];
  deadline: Deadline;
  clock: Clock;
  out: Output;
  clean?: boolean;
  verbose?: boolean;
  pollMs?: number;
  logLines?: number;
  signal?: AbortSignal;
  /** How long to let the stopped Compose child exit before giving up on it. */
  stopGraceMs?: number;
  /** Called once per service as soon as a snapshot shows it ready, while the rest still starts. */
  onReady?: (service: string) => void;
  /**
   * Services `compose up` must not touch (the replicas `up` has just replaced one at a
   * time: roll-replicas.ts says why); they still count in the readiness table.
   */
  leaveAlone?: string[];
}

export async function startStack({ compose, services, deadline, clock, out, clean = false, verbose = false, pollMs = 1500, logLines = 40, signal, stopGraceMs = 5000, onReady, leaveAlone = [] }: StartOptions): Promise<Map<string, number>> {
  const tracker = new ProgressTracker(clock.now(), out, onReady);
  let composeOutput = '';
  let finished = false;
  const upDone = compose
    .up({
      waitTimeoutSeconds: deadline.remainingMs() / 1000,
      ...(leaveAlone.length > 0 ? { services: services.filter((service) => !leaveAlone.includes(service)) } : {}),
      onOutput: (chunk) => {
        composeOutput += chunk;
        if (verbose) out.line(chunk.trimEnd());
      },
      ...(signal ? { signal } : {}),
    })
    .then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    )
    .finally(() => {
      finished = true;
    });

  try {
    while (!finished) {
      await untilInterrupted(Promise.race([upDone, clock.sleep(pollMs)]), signal);
      const snapshot = await untilInterrupted(compose.ps().catch(() => undefined), signal);
      if (snapshot) tracker.update(assessStack(services, snapshot), clock.now());
    }
  } catch (error) {
    // The signal also stopped the Compose child (compose.up got it); let it exit.
    if (signal?.aborted) await Promise.race([upDone, clock.sleep(stopGraceMs)]);
    throw error;
  }
  throwIfInterrupted(signal);
  const outcome = await upDone;
  const final = assessStack(services, await compose.ps());
  tracker.update(final, clock.now());
  if (allReady(final)) return tracker.readyAfterMs;
  if (outcome.ok && !final.some((report) => report.readiness === 'failed')) return tracker.readyAfterMs;

  const composeText = composeOutput + (outcome.ok ? '' : errorOutput(outcome.error));
  const culprit = pickCulprit(final, composeText);
  // Nothing was created: Compose failed before any container (a build error, an
  // image it cannot get, a port it cannot bind). Its own words are the diagnosis.
  if (!culprit || culprit.readiness === 'missing') {
    if (clean) await compose.down().catch(() => undefined);
    throw new UserError(
      [`Compose could not start the stack (after ${formatDuration(deadline.elapsedMs())}); it said:`, indent(lastLines(composeText, 25) || '(no output)')].join('\n'),
      'fix what Compose reports above, then npm run up (npm run doctor checks ports, .env and Docker)',
    );
  }
  // From here on a created service is to blame.
  const logs = await compose.logs([culprit.service], { tail: logLines }).catch((error: unknown) => `(could not read logs: ${errorOutput(error)})`);
  if (clean) await compose.down().catch(() => undefined);
  const message = [
    `${culprit.service} did not become ready (${culprit.detail}) after ${formatDuration(deadline.elapsedMs())}`,
    ...(logs ? [`last ${logLines} log lines of ${culprit.service}:`, indent(logs.trim())] : []),
    clean ? 'the stack was removed (--clean)' : 'the containers are left running for inspection',
  ].join('\n');
  throw new UserError(message, `npm run logs ${culprit.service}; fix the cause, then npm run up${clean ? '' : ' (npm run down stops it)'}`);
}

/** The service to blame: the one Compose named, else the first failed, else the first still starting. */
export function pickCulprit(reports: ServiceReport[], composeText: string): ServiceReport | undefined {
  const named = /container ([\w.-]+) (?:is unhealthy|exited)/.exec(composeText)?.[1];
  const byName = named ? reports.find((report) => report.containers.some((c) => c.name === named)) : undefined;
  return (
    byName ??
    reports.find((report) => report.readiness === 'failed') ??
    reports.find((report) => report.readiness === 'starting') ??
    reports.find((report) => report.readiness === 'missing')
  );
}
