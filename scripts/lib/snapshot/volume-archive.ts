/**
 * Copies Docker volumes to and from archives in a snapshot's folder, with throwaway
 * containers of an image the stack already has (the services image, built by `up`, never
 * pulled: `--pull never`). The copy is made inside Linux by GNU tar running as root, so
 * owners, modes and bytes are kept exactly, whatever the host is: Docker Desktop's file
 * sharing on macOS and Windows reports modes of its own and a Windows checkout may turn
 * line endings, but the archive is one opaque file on the host, never unpacked there.
 * All volumes go in one container, each tar a job of its own (parallel: the copies are
 * bound by the disk, not the CPU). The archives are not compressed: gzip on two cores
 * would make a restore several times slower than reading the plain bytes.
 */
import { UserError } from '../errors.ts';
import type { Exec } from '../exec.ts';
import { lastLines } from '../text.ts';

export interface VolumeToCopy {
  /** compose.yaml's key: the archive is `<key>.tar` and the mount `/volumes/<key>`. */
  key: string;
  /** Docker's name (`<project>_<key>`). */
  dockerName: string;
}

export const archiveNameOf = (key: string) => `${key}.tar`;

// POSIX sh; the volume keys come in as arguments ("$@"), never spliced into the script.
// The archives are given to the owner of the snapshot's folder: on Linux a root-owned
// file in the checkout would need sudo to read back; Docker Desktop maps owners itself.
const SAVE_SCRIPT = `set -u
pids=
for volume do
  tar --create --file "/snapshot/$volume.tar" --directory "/volumes/$volume" --numeric-owner --sparse . &
  pids="$pids $!"
done
status=0
for pid in $pids; do wait "$pid" || status=1; done
chown "$(stat -c %u:%g /snapshot)" /snapshot/*.tar 2>/dev/null || true
exit $status`;

// Empties each volume, then unpacks its archive as root with owners and modes as saved;
// the archive's "./" entry gives the volume's root its owner and mode back as well.
// --touch: the files get the restore's time, not the save's. The database server judges its
// binlog's age by the files' mtime and purges what is older than its retention (a week,
// compose.yaml) when it starts: a snapshot restored a week after its save would lose the
// binlog Debezium's saved offset points into, and Debezium would snapshot the tables again.
// Nothing else of the stack reads mtimes: Kafka's retention goes by the records' timestamps.
const RESTORE_SCRIPT = `set -u
pids=
for volume do
  ( find "/volumes/$volume" -mindepth 1 -delete && tar --extract --file "/snapshot/$volume.tar" --directory "/volumes/$volume" --numeric-owner --same-owner --same-permissions --touch ) &
  pids="$pids $!"
done
status=0
for pid in $pids; do wait "$pid" || status=1; done
exit $status`;

export interface VolumeArchiver {
  /** Which of these Docker volumes exist. */
  existing(dockerNames: string[]): Promise<Set<string>>;
  /** Creates a volume as Compose would (its labels), so Compose adopts it without a warning. */
  create(volume: VolumeToCopy, project: string): Promise<void>;
  save(volumes: VolumeToCopy[], folder: string): Promise<void>;
  restore(volumes: VolumeToCopy[], folder: string): Promise<void>;
  /** Refuses before anything is stopped when the copy cannot run (its image is missing). */
  ready(): Promise<void>;
}

export function dockerVolumeArchiver({ exec, image }: { exec: Exec; image: string }): VolumeArchiver {
  async function requireImage(): Promise<void> {
    const result = await exec('docker', ['image', 'inspect', '--format', '{{.Id}}', image]);
    if (result.code !== 0) throw new UserError(`the image that copies the volumes (${image}) is not on this machine`, 'run `npm run up` once: it builds it');
  }

  async function runCopy(what: string, script: string, volumes: VolumeToCopy[], folder: string, readOnly: 'volumes' | 'snapshot'): Promise<void> {
    await requireImage();
    const mount = (type: 'bind' | 'volume', source: string, target: string, ro: boolean) => ['--mount', `type=${type},source=${source},target=${target}${ro ? ',readonly' : ''}`];
    const args = [
      'run', '--rm', '--pull', 'never', '--network', 'none', '--user', '0:0', '--entrypoint', 'sh',
      ...mount('bind', folder, '/snapshot', readOnly === 'snapshot'),
      ...volumes.flatMap((volume) => mount('volume', volume.dockerName, `/volumes/${volume.key}`, readOnly === 'volumes')),
      image, '-c', script, 'sh', ...volumes.map((volume) => volume.key),
    ];
    const result = await exec('docker', args);
    if (result.code !== 0) {
      throw new UserError(`${what} failed (docker run exit ${result.code}): ${lastLines((result.stderr || result.stdout).trim(), 8) || 'no output'}`, 'check free disk space (npm run doctor) and that Docker can share the checkout folder (Docker Desktop: Settings → Resources → File sharing)');
    }
  }

  return {
    async existing(dockerNames) {
      const result = await exec('docker', ['volume', 'ls', '--quiet']);
      if (result.code !== 0) throw new UserError(`docker volume ls failed: ${lastLines(result.stderr, 4)}`, 'run `npm run doctor`');
      const present = new Set(result.stdout.split('\n').map((line) => line.trim()));
      return new Set(dockerNames.filter((name) => present.has(name)));
    },
    async create(volume, project) {
      const labels = [`com.docker.compose.project=${project}`, `com.docker.compose.volume=${volume.key}`].flatMap((label) => ['--label', label]);
      const result = await exec('docker', ['volume', 'create', ...labels, volume.dockerName]);
      if (result.code !== 0) throw new UserError(`could not create the volume ${volume.dockerName}: ${lastLines(result.stderr, 4)}`, 'run `npm run doctor`');
    },
    ready: requireImage,
    save: (volumes, folder) => runCopy('copying the volumes into the snapshot', SAVE_SCRIPT, volumes, folder, 'volumes'),
    restore: (volumes, folder) => runCopy('copying the snapshot into the volumes', RESTORE_SCRIPT, volumes, folder, 'snapshot'),
  };
}
