/**
 * `npm run build:images -- [--force]`: builds the local images (the services' and the
 * front end's) that are missing or whose sources changed, as `up` would before
 * starting, and starts nothing. CI runs it in its image phase, so the first `up` of
 * its end-to-end run times a start, not a build; a developer can run it before going
 * offline.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { buildLocalImages, localImageLabels, planLocalBuilds } from '../lib/build/build-images.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { realExec } from '../lib/exec.ts';
import { listenForInterrupts, throwIfInterrupted } from '../lib/interrupts.ts';
import { createOutput } from '../lib/ui/output.ts';
import { realClock } from '../lib/wait/clock.ts';

export const command = defineCommand({
  summary: 'builds the local images that are missing or whose sources changed; starts nothing',
  usage: 'npm run build:images -- [--force]',
  options: { force: { type: 'boolean', description: 'build them even when their sources are unchanged' } },
  run: async ({ values }) => {
    const out = createOutput();
    const configured = requireConfig();
    const builds = await planLocalBuilds({ labels: localImageLabels(realExec, configured.stack.localImageTag), stack: configured.stack, force: values.force === true });
    if (builds.length === 0) {
      out.line(out.green('local images are up to date with their sources: nothing to build'));
      return;
    }
    const interrupts = listenForInterrupts();
    try {
      await buildLocalImages({ builds, compose: stackCompose(configured), out, clock: realClock, signal: interrupts.signal });
    } catch (error) {
      // Ctrl-C stops Compose's build, which then fails: report the interrupt (exit 130), not a failed build.
      throwIfInterrupted(interrupts.signal);
      throw error;
    } finally {
      interrupts.dispose();
    }
  },
});
