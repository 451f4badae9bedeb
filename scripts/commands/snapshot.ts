/**
 * `npm run snapshot -- save <name> [--force] | restore <name> | list | rm <name>`: the
 * whole stack's data (every service database, Kafka with the consumer groups' and
 * Connect's offsets, the search indices, the images' bucket) saved at one point and put
 * back; see scripts/lib/snapshot/run-snapshot.ts for why a stopped stack is that point.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { localBuildsOf } from '../lib/build/local-builds.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { UsageError } from '../lib/errors.ts';
import { realExec } from '../lib/exec.ts';
import { paths } from '../lib/paths.ts';
import { createSnapshotFolder } from '../lib/snapshot/snapshot-folder.ts';
import { requireSnapshotName } from '../lib/snapshot/snapshot-name.ts';
import { listSnapshots, removeSnapshot, restoreSnapshot, saveSnapshot, type SnapshotDeps } from '../lib/snapshot/run-snapshot.ts';
import { dockerVolumeArchiver } from '../lib/snapshot/volume-archive.ts';
import { createOutput } from '../lib/ui/output.ts';
import { run as up } from './up.ts';

const USAGE = 'npm run snapshot -- save <name> [--force] | restore <name> | list | rm <name>';
const ACTIONS = ['save', 'restore', 'list', 'rm'] as const;

export const command = defineCommand({
  summary: 'saves the whole stack (databases, Kafka and its offsets, search, images) under a name, and restores it',
  usage: USAGE,
  positionals: 'action name',
  options: { force: { type: 'boolean', description: 'save: replace a snapshot of the same name' } },
  run: async ({ values, positionals }) => {
    const [action, name, ...extra] = positionals;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) throw new UsageError(action ? `unknown action "${action}"` : 'an action is missing', `${USAGE}`);
    const takesName = action !== 'list';
    if (extra.length > 0 || (!takesName && name !== undefined)) throw new UsageError(`unexpected argument ${takesName ? extra[0] : name}`, USAGE);
    if (values.force && action !== 'save') throw new UsageError('--force applies to save only', USAGE);
    const out = createOutput();
    const folder = createSnapshotFolder(paths.snapshotsDir);
    if (action === 'list') return listSnapshots({ folder, out });
    const snapshotName = requireSnapshotName(name, USAGE);
    if (action === 'rm') return removeSnapshot(snapshotName, { folder, out });
    const deps = stackDeps(folder, out);
    if (action === 'save') await saveSnapshot(snapshotName, values.force === true, deps);
    else await restoreSnapshot(snapshotName, deps);
  },
});

function stackDeps(folder: SnapshotDeps['folder'], out: SnapshotDeps['out']): SnapshotDeps {
  const configured = requireConfig();
  const services = localBuildsOf(configured.stack.localImageTag).find((build) => build.dockerfile === 'compose/services.Dockerfile');
  return {
    folder,
    compose: stackCompose(configured),
    // The services image: built by `up` on this machine, with GNU tar, never pulled.
    archiver: dockerVolumeArchiver({ exec: realExec, image: services!.image }),
    start: () => up({}),
    stack: configured.stack,
    now: () => Date.now(),
    out,
  };
}
