/**
 * `npm run dev -- [--no-web]`: the stack as `npm run up` brings it, then two loops
 * until Ctrl-C:
 * - the services': a saved change to a service's code is compiled on the host, copied
 *   into the containers that run it and live within about a second or two (the
 *   replicas behind HAProxy restarted one at a time, drained first: no request fails);
 *   package.json, the lock file, proto/ or mysql/ rebuild the image through `up`;
 * - the front end's: `npm run dev:web`'s dev server with hot reload (not with --no-web).
 * Ctrl-C stops watching and leaves the stack running, with the code as last saved.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { ChangeQueue } from '../lib/dev/change-queue.ts';
import { compileSources } from '../lib/dev/compile-sources.ts';
import { handleChanges } from '../lib/dev/handle-changes.ts';
import { CONTAINER_DIST } from '../lib/dev/reload-services.ts';
import { restartInPlace } from '../lib/dev/restart-in-place.ts';
import { servicePrograms } from '../lib/dev/service-programs.ts';
import { watchSources } from '../lib/dev/watch-sources.ts';
import { Interrupted } from '../lib/errors.ts';
import { statsServerAdmin } from '../lib/haproxy/server-admin.ts';
import { listenForInterrupts, type InterruptSource } from '../lib/interrupts.ts';
import { paths } from '../lib/paths.ts';
import { createOutput } from '../lib/ui/output.ts';
import { Deadline, realClock } from '../lib/wait/clock.ts';
import { startWebDevServer, type WebDevServer } from '../lib/web/start-web-dev-server.ts';
import { run as up } from './up.ts';

export const command = defineCommand({
  summary: "the stack, then a saved change to a service's code live in its containers, and the front end with hot reload (Ctrl-C stops watching)",
  usage: 'npm run dev -- [--no-web]',
  options: { 'no-web': { type: 'boolean', description: "only the services' loop, not the front end's dev server" } },
  run: ({ values }) => dev({ web: values['no-web'] !== true }),
});

async function dev({ web }: { web: boolean }): Promise<void> {
  // Listening before anything starts: a Ctrl-C during `up` stops `up` (see interrupts.ts).
  const interrupts = listenForInterrupts();
  // `up` stops listening when it is done; dev keeps the same source until its own end.
  const kept: InterruptSource = { signal: interrupts.signal, dispose: () => {} };
  const runUp = () => up({}, { interrupts: kept });
  const out = createOutput();
  let server: WebDevServer | undefined;
  let watching: { close(): void } | undefined;
  try {
    await runUp();
    const configured = requireConfig();
    const { stack } = configured;
    const compose = stackCompose(configured);
    const programs = servicePrograms(await compose.config());
    const clock = realClock;
    const queue = new ChangeQueue(clock);
    watching = watchSources(paths.repoRoot, (path) => queue.add(path));
    // The compiler's first file costs a few hundred milliseconds of loading: not on a save.
    compileSources(paths.repoRoot, []);
    if (web) server = await startWebDevServer(stack);
    out.line();
    out.line(`watching services/, proto/, mysql/ and package.json: a saved change is compiled and pushed into the services that run it${web ? `; front end with hot reload: ${stack.urls.devServer}` : ''}`);
    out.line('Ctrl-C stops watching and leaves the stack running (npm run down stops it)');
    const deps = {
      repoRoot: paths.repoRoot,
      programs,
      clock,
      compile: (sources: string[]) => compileSources(paths.repoRoot, sources),
      ps: () => compose.ps(),
      runUp,
      push: (service: string, compiled: { dir: string }) => compose.copyInto(service, compiled.dir, CONTAINER_DIST, { signal: interrupts.signal }),
      restart: (program: Parameters<typeof restartInPlace>[0]) => restartInPlace(program, { compose, signal: interrupts.signal }),
      haproxy: statsServerAdmin({ statsUrl: stack.urls.stats, credentials: stack.statsCredentials }),
      out,
      signal: interrupts.signal,
    };
    for (;;) {
      const batch = await queue.next(interrupts.signal);
      await handleChanges(batch, { ...deps, deadline: new Deadline(clock, 120_000) });
    }
  } catch (error) {
    if (!(error instanceof Interrupted) || !watching) throw error;
    out.line();
    // The pushed code lives in the containers' own layer until they are recreated: the next
    // `up` after a further change rebuilds and replaces them; `down` then `up` at once.
    out.line('stopped watching. The stack keeps running the code as last saved (npm run down stops it)');
  } finally {
    watching?.close();
    await server?.close();
    interrupts.dispose();
  }
}
