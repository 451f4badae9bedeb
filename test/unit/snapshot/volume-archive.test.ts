import { describe, expect, it } from 'vitest';
import { dockerVolumeArchiver } from '../../../scripts/lib/snapshot/volume-archive.ts';
import { fakeExec } from '../helpers/fake-exec.ts';

const volumes = [
  { key: 'kafka-data', dockerName: 'sn_kafka-data' },
  { key: 'mariadb-data', dockerName: 'sn_mariadb-data' },
];
const IMAGE = 'booking-devstack/services:sn';

describe('dockerVolumeArchiver', () => {
  it('saves with the volumes mounted read-only, in one throwaway container of a local image, the keys as arguments', async () => {
    const exec = fakeExec((command) => (command === 'docker' ? {} : undefined));
    await dockerVolumeArchiver({ exec, image: IMAGE }).save(volumes, '/repo/.snapshots/.partial-x');
    expect(exec.calls[0]).toEqual(['docker', 'image', 'inspect', '--format', '{{.Id}}', IMAGE]);
    const run = exec.calls[1]!;
    expect(run.slice(0, 11)).toEqual(['docker', 'run', '--rm', '--pull', 'never', '--network', 'none', '--user', '0:0', '--entrypoint', 'sh']);
    expect(run).toContain('type=bind,source=/repo/.snapshots/.partial-x,target=/snapshot');
    expect(run).toContain('type=volume,source=sn_kafka-data,target=/volumes/kafka-data,readonly');
    expect(run).toContain('type=volume,source=sn_mariadb-data,target=/volumes/mariadb-data,readonly');
    const script = run[run.indexOf('-c') + 1]!;
    expect(script).toContain('tar --create');
    expect(script).not.toContain('kafka-data');
    expect(run.slice(-3)).toEqual(['sh', 'kafka-data', 'mariadb-data']);
  });

  it('restores with the snapshot read-only and the volumes writable, emptying each first', async () => {
    const exec = fakeExec((command) => (command === 'docker' ? {} : undefined));
    await dockerVolumeArchiver({ exec, image: IMAGE }).restore(volumes, '/repo/.snapshots/x');
    const run = exec.calls[1]!;
    expect(run).toContain('type=bind,source=/repo/.snapshots/x,target=/snapshot,readonly');
    expect(run).toContain('type=volume,source=sn_kafka-data,target=/volumes/kafka-data');
    const script = run[run.indexOf('-c') + 1]!;
    expect(script).toMatch(/find "\/volumes\/\$volume" -mindepth 1 -delete && tar --extract .*--numeric-owner --same-owner --same-permissions --touch/);
  });

  it('without the services image it says to run up, and a failed copy carries what tar said', async () => {
    const noImage = fakeExec((_command, args) => (args[0] === 'image' ? { code: 1, stderr: 'No such image' } : {}));
    await expect(dockerVolumeArchiver({ exec: noImage, image: IMAGE }).save(volumes, '/s')).rejects.toThrow(`the image that copies the volumes (${IMAGE}) is not on this machine`);
    const full = fakeExec((_command, args) => (args[0] === 'run' ? { code: 1, stderr: 'tar: /snapshot/kafka-data.tar: Wrote only 4096 of 10240 bytes\n' } : {}));
    await expect(dockerVolumeArchiver({ exec: full, image: IMAGE }).save(volumes, '/s')).rejects.toThrow('copying the volumes into the snapshot failed (docker run exit 1): tar: /snapshot/kafka-data.tar: Wrote only 4096 of 10240 bytes');
  });

  it('lists the volumes that exist and creates one with the labels Compose looks for', async () => {
    const exec = fakeExec((_command, args) => (args[1] === 'ls' ? { stdout: 'sn_kafka-data\nother_kafka-data\n' } : {}));
    const archiver = dockerVolumeArchiver({ exec, image: IMAGE });
    expect(await archiver.existing(['sn_kafka-data', 'sn_mariadb-data'])).toEqual(new Set(['sn_kafka-data']));
    await archiver.create(volumes[1]!, 'sn');
    expect(exec.calls.at(-1)).toEqual(['docker', 'volume', 'create', '--label', 'com.docker.compose.project=sn', '--label', 'com.docker.compose.volume=mariadb-data', 'sn_mariadb-data']);
  });
});
