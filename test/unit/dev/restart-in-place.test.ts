import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError } from '../../../scripts/lib/compose/compose.ts';
import { NO_RELOADER, parseAddresses, probeCommand, reloadCommand, restartInPlace } from '../../../scripts/lib/dev/restart-in-place.ts';

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

describe('reloadCommand', () => {
  it('exits NO_RELOADER when the container has no reloader', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reload-'));
    const result = runProbe(reloadCommand(undefined, 1, dir));
    rmSync(dir, { recursive: true });
    expect(result.code).toBe(NO_RELOADER);
  });

  it('sends SIGHUP to the reloader, waits for the old process to be gone, then probes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reload-'));
    // A stand-in reloader with its child, which passes the healthcheck from the start (as
    // the old code does while it drains): on HUP it ends the child after 300 ms.
    writeFileSync(join(dir, 'healthy'), '');
    const reloader = spawn('sh', ['-c', `sleep 30 & echo $! > ${dir}/reload-child.pid; trap 'sleep 0.3; kill $!; wait $!; touch ${dir}/old-gone' HUP; echo $$ > ${dir}/reload-supervisor.pid; while :; do sleep 0.05; done`]);
    spawnSync('sh', ['-c', `until [ -s ${dir}/reload-supervisor.pid ]; do sleep 0.02; done`], { timeout: 5_000 });
    const result = runProbe(reloadCommand(['CMD', 'test', '-e', join(dir, 'healthy')], 5, dir));
    const probedAfterTheOldWasGone = existsSync(join(dir, 'old-gone'));
    reloader.kill('SIGKILL');
    rmSync(dir, { recursive: true });
    expect(result.code, result.stderr).toBe(0);
    expect(probedAfterTheOldWasGone).toBe(true);
    expect(parseAddresses(result.stdout).length).toBeGreaterThan(0);
  });
});

describe('restartInPlace', () => {
  const program = { service: 'booking', folder: 'booking', oneShot: false, healthcheck: ['CMD', 'bash', '-c', 'true'] };

  it("reloads the service's process in its container, in one exec", async () => {
    const calls: string[] = [];
    const compose = {
      restart: async (service: string) => void calls.push(`restart ${service}`),
      exec: async (service: string, command: string[]) => (calls.push(`exec ${service} ${command.slice(3).join(' ')}`), '172.18.0.7\n'),
    };
    expect(await restartInPlace(program, { compose })).toEqual(['172.18.0.7']);
    expect(calls).toEqual(['exec booking reload bash -c true']);
  });

  it('restarts the container, then probes it, when its image has no reloader', async () => {
    const calls: string[] = [];
    const compose = {
      restart: async (service: string) => void calls.push(`restart ${service}`),
      exec: async (service: string, command: string[]) => {
        calls.push(`exec ${service} ${command.slice(3).join(' ')}`);
        if (command[3] === 'reload') throw new ComposeError('exec', NO_RELOADER, '', 'fix');
        return '172.18.0.7\n';
      },
    };
    expect(await restartInPlace(program, { compose })).toEqual(['172.18.0.7']);
    expect(calls).toEqual(['exec booking reload bash -c true', 'restart booking', 'exec booking probe bash -c true']);
  });

  it('passes on any other failure', async () => {
    const compose = {
      restart: async () => {},
      exec: async () => {
        throw new ComposeError('exec', 1, 'its healthcheck still fails after 60 s', 'fix');
      },
    };
    await expect(restartInPlace(program, { compose })).rejects.toThrow('its healthcheck still fails');
  });
});
