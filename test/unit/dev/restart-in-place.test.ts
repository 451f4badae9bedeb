import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseAddresses, probeCommand, restartInPlace } from '../../../scripts/lib/dev/restart-in-place.ts';

/** The probe as the container's sh runs it, here in the host's sh. */
function runProbe(command: string[]) {
  const [program, ...args] = command;
  const result = spawnSync(program!, args, { encoding: 'utf8', timeout: 10_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('probeCommand', () => {
  it('runs a CMD healthcheck until it passes, then prints the addresses', () => {
    // Passes at the third try: a file counts the tries.
    const dir = `/tmp/probe-${process.pid}-${Date.now()}`;
    const check = ['CMD', 'sh', '-c', `mkdir -p ${dir}; echo x >> ${dir}/tries; [ $(wc -l < ${dir}/tries) -ge 3 ]`];
    const result = runProbe(probeCommand(check, 5));
    spawnSync('rm', ['-rf', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(parseAddresses(result.stdout).length).toBeGreaterThan(0);
  });

  it('runs a CMD-SHELL healthcheck through sh, and fails with a reason when the budget passes', () => {
    const result = runProbe(probeCommand(['CMD-SHELL', 'exit 1'], 0.2));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('its healthcheck still fails after 0.2 s');
  });

  it('without a healthcheck, only prints the addresses', () => {
    expect(runProbe(probeCommand(undefined, 1)).code).toBe(0);
  });
});

describe('parseAddresses', () => {
  it("keeps the addresses of hostname -i's answer", () => {
    expect(parseAddresses('172.18.0.7 fd00::7 \n')).toEqual(['172.18.0.7', 'fd00::7']);
  });
});

describe('restartInPlace', () => {
  it('restarts the container, then probes it with its own healthcheck', async () => {
    const calls: string[] = [];
    const compose = {
      restart: async (service: string) => void calls.push(`restart ${service}`),
      exec: async (service: string, command: string[]) => (calls.push(`exec ${service} ${command.slice(3).join(' ')}`), '172.18.0.7\n'),
    };
    const program = { service: 'booking', folder: 'booking', oneShot: false, healthcheck: ['CMD', 'bash', '-c', 'true'] };
    expect(await restartInPlace(program, { compose })).toEqual(['172.18.0.7']);
    expect(calls).toEqual(['restart booking', 'exec booking probe bash -c true']);
  });
});
