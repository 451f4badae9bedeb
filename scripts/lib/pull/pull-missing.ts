/**
 * Before `up` starts anything: pull every image the stack needs and does not have,
 * with progress per image (layers and bytes) and a total, and turn failures into one
 * message per cause (pull-report.ts). Without this, Compose pulls inside `up`: the
 * user sees "not created" per service for minutes, and a registry it cannot reach
 * makes it print its error three times per image, after some services have started.
 *
 * Images are pulled in parallel, one Compose process each (plain progress lines have
 * no parent, see pull-progress.ts).
 */
import type { Compose } from '../compose/compose.ts';
import { throwIfInterrupted } from '../interrupts.ts';
import { errorOutput } from '../text.ts';
import type { Output } from '../ui/output.ts';
import { formatDuration, type Clock } from '../wait/clock.ts';
import { planPulls, type PullTarget } from './pull-plan.ts';
import { addSummaries, applyProgressLine, formatBytes, formatSummary, newImageProgress, summarize, type ImageProgress } from './pull-progress.ts';
import { pullFailureError, type PullFailure } from './pull-report.ts';

export interface PullMissingOptions {
  compose: Pick<Compose, 'config' | 'pull'>;
  /** Images on this machine, normalized (see doctor/docker-kernel.ts localImages). */
  presentImages: () => Promise<Set<string>>;
  /** The `*_IMAGE` variables set (StackConfig.imageVariables), to name the variable behind an image. */
  imageVariables: Record<string, string>;
  out: Pick<Output, 'line' | 'status' | 'green' | 'dim'>;
  clock: Clock;
  signal?: AbortSignal;
  /** How often a line per image still pulling is printed (the status line redraws every tick). */
  reportEveryMs?: number;
  tickMs?: number;
}

export interface PullOutcome {
  pulled: PullTarget[];
  bytes: number;
  ms: number;
}

export async function pullMissingImages({ compose, presentImages, imageVariables, out, clock, signal, reportEveryMs = 5000, tickMs = 500 }: PullMissingOptions): Promise<PullOutcome> {
  const started = clock.now();
  const [model, present] = await Promise.all([compose.config(), presentImages()]);
  const targets = planPulls(model.services, present, imageVariables);
  if (targets.length === 0) return { pulled: [], bytes: 0, ms: 0 };

  out.line(`pulling ${targets.length} missing image(s) before starting anything: ${targets.map((t) => t.image).join(', ')}`);
  const progress = new Map<PullTarget, ImageProgress>(targets.map((target) => [target, newImageProgress()]));
  const failures: PullFailure[] = [];
  let pending = targets.length;
  const all = Promise.all(targets.map((target) => pullOne(target)));

  async function pullOne(target: PullTarget): Promise<void> {
    const image = progress.get(target)!;
    let output = '';
    let partial = '';
    const onOutput = (chunk: string) => {
      output += chunk;
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop() ?? '';
      lines.forEach((line) => applyProgressLine(image, line));
    };
    try {
      await compose.pull(target.service, { onOutput, ...(signal ? { signal } : {}) });
      applyProgressLine(image, partial);
      image.finished = true;
      out.line(`  ${out.green('✔')} ${target.image} ${out.dim(`${formatSummary(summarize(image))} (${formatDuration(clock.now() - started)})`)}`);
    } catch (error) {
      failures.push({ image: target.image, ...(target.variable ? { variable: target.variable } : {}), output: `${output}\n${errorOutput(error)}` });
    } finally {
      pending -= 1;
    }
  }

  let lastReport = clock.now();
  while (pending > 0) {
    await Promise.race([all, clock.sleep(tickMs)]);
    if (pending === 0) break;
    const total = addSummaries([...progress.values()].map(summarize));
    out.status(`pulling ${pending} image(s): ${formatSummary(total)} (${formatDuration(clock.now() - started)})`);
    if (clock.now() - lastReport >= reportEveryMs) {
      lastReport = clock.now();
      for (const [target, image] of progress) if (!image.finished) out.line(`  ${target.image} ${out.dim(formatSummary(summarize(image)))}`);
    }
  }
  await all;
  throwIfInterrupted(signal);
  if (failures.length > 0) throw pullFailureError(failures);
  const bytes = addSummaries([...progress.values()].map(summarize)).downloadedBytes;
  const ms = clock.now() - started;
  out.line(`pulled ${targets.length} image(s), ${formatBytes(bytes)} in ${formatDuration(ms)}`);
  return { pulled: targets, bytes, ms };
}
