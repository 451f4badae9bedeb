import { describe, expect, it } from 'vitest';
import { maxMapCountCheck } from '../../../scripts/lib/doctor/check-max-map-count.ts';
import { memoryCheck, memoryThresholds } from '../../../scripts/lib/doctor/check-memory.ts';
import { PROFILE_NAMES, profilePlanOf, type ProfileName } from '../../../scripts/lib/config/stack-config.ts';
import { diskCheck } from '../../../scripts/lib/doctor/check-disk.ts';
import { GiB } from '../../../scripts/lib/doctor/check.ts';
import { parseMeminfo, probeDockerKernel } from '../../../scripts/lib/doctor/docker-kernel.ts';
import { normalizeImage } from '../../../scripts/lib/up/local-images.ts';
import { fakeExec } from '../helpers/fake-exec.ts';

const MEMINFO = 'MemTotal:        8049464 kB\nMemFree:          512000 kB\nMemAvailable:    6000000 kB\n262144\n';

describe('parseMeminfo', () => {
  it('reads MemTotal, MemAvailable and the trailing max_map_count', () => {
    expect(parseMeminfo(MEMINFO)).toEqual({ totalBytes: 8049464 * 1024, availableBytes: 6000000 * 1024, maxMapCount: 262144 });
    expect(parseMeminfo('MemTotal: 1024 kB')).toEqual({ totalBytes: 1024 * 1024 });
  });
});

describe('probeDockerKernel', () => {
  it('measures inside a container of an image already present, never pulling', async () => {
    // A fake Docker that pulls as the real one does: `docker run` of an absent image
    // pulls it first unless told `--pull never` (then it fails: "No such image").
    const present = new Set(['haproxy:3.2', 'docker.elastic.co/elasticsearch/elasticsearch:8.19.21']);
    const pulled: string[] = [];
    const exec = fakeExec((_cmd, args) => {
      if (args[0] === 'images') return { stdout: 'haproxy:3.2\n<none>:<none>\ndocker.elastic.co/elasticsearch/elasticsearch:8.19.21\n' };
      if (args[0] === 'pull') pulled.push(args.at(-1)!);
      if (args[0] !== 'run') return { code: 1 };
      const image = args[args.indexOf('cat') + 1]!;
      if (!present.has(image)) {
        if (args.join(' ').includes('--pull never')) return { code: 125, stderr: `Unable to find image '${image}' locally` };
        pulled.push(image);
      }
      return { stdout: MEMINFO };
    });
    // The absent image comes first: the probe must pass over it, not pull it.
    const kernel = await probeDockerKernel(exec, ['apache/kafka:4.1.1', 'docker.elastic.co/elasticsearch/elasticsearch:8.19.21']);
    expect(kernel).toMatchObject({ memTotalBytes: 8049464 * 1024, maxMapCount: 262144, source: 'container docker.elastic.co/elasticsearch/elasticsearch:8.19.21' });
    const runs = exec.calls.filter((call) => call[1] === 'run');
    expect(runs.map((call) => call[call.indexOf('cat') + 1])).toEqual(['docker.elastic.co/elasticsearch/elasticsearch:8.19.21']);
    for (const run of runs) expect(run.join(' ')).toContain('--pull never');
    expect(pulled).toEqual([]);
  });

  it('asks a running container of the stack first, with docker exec instead of a new container', async () => {
    const exec = fakeExec((_cmd, args) => (args[0] === 'exec' ? { stdout: MEMINFO } : { code: 1 }));
    const kernel = await probeDockerKernel(exec, ['apache/kafka:4.1.1'], ['booking-kafka-1', 'booking-mysql-1']);
    expect(kernel).toMatchObject({ memTotalBytes: 8049464 * 1024, maxMapCount: 262144, source: 'running container booking-kafka-1' });
    expect(exec.calls.map((call) => call[1])).toEqual(['exec']);
  });

  it('falls back to an image when the running container cannot be asked', async () => {
    const exec = fakeExec((_cmd, args) => {
      if (args[0] === 'images') return { stdout: 'apache/kafka:4.1.1\n' };
      if (args[0] === 'run') return { stdout: MEMINFO };
      return { code: 1, stderr: 'container is restarting' };
    });
    const kernel = await probeDockerKernel(exec, ['apache/kafka:4.1.1'], ['booking-kafka-1']);
    expect(kernel).toMatchObject({ source: 'container apache/kafka:4.1.1' });
  });

  it('falls back to docker info when no stack image is present, and says so', async () => {
    const exec = fakeExec((_cmd, args) => (args[0] === 'images' ? { stdout: 'alpine:3\n' } : args[0] === 'info' ? { stdout: String(16 * GiB) } : { code: 1 }));
    const kernel = await probeDockerKernel(exec, ['apache/kafka:4.1.1']);
    expect(kernel).toMatchObject({ memTotalBytes: 16 * GiB });
    expect((kernel as { source: string }).source).toContain('docker info');
    expect(exec.calls.some((call) => call[1] === 'run')).toBe(false);
  });

  it('treats docker.io/library prefixes as the same image', () => {
    expect(normalizeImage('docker.io/library/haproxy:3.2')).toBe('haproxy:3.2');
    expect(normalizeImage('apache/kafka')).toBe('apache/kafka:latest');
  });
});

describe('memoryCheck', () => {
  const kernel = (gib: number) => ({ memTotalBytes: gib * GiB, source: 'container x' });
  it('fails below 4 GiB, warns below 6 GiB', () => {
    expect(memoryCheck(kernel(3.8)).status).toBe('fail');
    expect(memoryCheck(kernel(5)).status).toBe('warn');
    expect(memoryCheck(kernel(8))).toMatchObject({ status: 'ok', summary: '8.0 GiB for Docker (measured by container x)' });
    expect(memoryCheck(undefined).status).toBe('skip');
  });
});

describe('maxMapCountCheck', () => {
  it('fails below 262144 on Linux with the sysctl fix', () => {
    const result = maxMapCountCheck({ platform: 'linux', readHostFile: () => '65530\n' });
    expect(result.status).toBe('fail');
    expect(result.fix).toContain('sudo sysctl -w vm.max_map_count=262144');
  });

  it('prefers the value measured inside Docker', () => {
    expect(maxMapCountCheck({ inDocker: 262144, platform: 'darwin' })).toMatchObject({ status: 'ok', summary: "262144 inside Docker's kernel" });
    expect(maxMapCountCheck({ inDocker: 65530, platform: 'darwin' }).status).toBe('fail');
  });

  it('skips where it cannot be measured', () => {
    expect(maxMapCountCheck({ platform: 'darwin' }).status).toBe('skip');
  });
});

describe('diskCheck', () => {
  it('needs 5 GiB and falls through paths it cannot stat', async () => {
    const free = async (path: string) => {
      if (path === '/var/lib/docker') throw new Error('ENOENT');
      return path === '/full' ? 2 * GiB : 50 * GiB;
    };
    expect(await diskCheck(['/var/lib/docker', '/repo'], free)).toMatchObject({ status: 'ok', summary: '50.0 GiB free on the disk holding /repo' });
    expect((await diskCheck(['/full'], free)).status).toBe('fail');
  });
});

describe('memoryCheck for a profile', () => {
  const kernel = (gib: number) => ({ memTotalBytes: gib * GiB, source: 'container x' });
  const core = profilePlanOf('core');
  const need = (name: ProfileName) => {
    const plan = profilePlanOf(name);
    return { profile: plan.name, budgetMib: plan.memoryMib, whole: plan.off.size === 0 };
  };

  it('keeps 4 and 6 GiB for the whole stack, and offers a smaller profile when it fails', () => {
    expect(memoryThresholds(need('full'))).toEqual({ failBelow: 4 * GiB, warnBelow: 6 * GiB });
    expect(memoryCheck(kernel(3.8), need('full'))).toMatchObject({ status: 'fail', fix: expect.stringContaining('npm run up -- --profile core') });
  });

  it("floors a smaller profile at its services' budget, rounded up to half a GiB, and 2 GiB more is comfortable", () => {
    expect(core.memoryMib).toBeLessThan(1024);
    expect(memoryThresholds(need('core'))).toEqual({ failBelow: 1 * GiB, warnBelow: 3 * GiB });
    expect(memoryCheck(kernel(0.9), need('core'))).toMatchObject({ status: 'fail', summary: expect.stringContaining('profile core (its services take about 0.7 GiB) needs at least 1.0 GiB') });
    expect(memoryCheck(kernel(2), need('core')).status).toBe('warn');
    // 3.8 GiB fails the whole stack, and is plenty for core.
    expect(memoryCheck(kernel(3.8), need('core'))).toMatchObject({ status: 'ok', summary: expect.stringContaining('enough for profile core') });
  });

  it('never asks more of a part of the stack than of the whole', () => {
    for (const name of PROFILE_NAMES) expect(memoryThresholds(need(name)).failBelow).toBeLessThanOrEqual(4 * GiB);
  });
});
