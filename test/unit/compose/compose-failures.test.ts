import { describe, expect, it } from 'vitest';
import { fixForComposeFailure } from '../../../scripts/lib/compose/compose-failures.ts';
import { createCompose, type ExecCompose } from '../../../scripts/lib/compose/compose.ts';
import { UserError } from '../../../scripts/lib/errors.ts';

describe('fixForComposeFailure', () => {
  it('a network with active endpoints: how to find the container, and the engine restart when there is none', () => {
    const fix = fixForComposeFailure(' Network booking-ci_default  Removing\nError response from daemon: error while removing network: network booking-ci_default id 8d81a44b07a6 has active endpoints');
    expect(fix).toContain("docker network inspect booking-ci_default --format '{{range .Containers}}{{.Name}} {{end}}'");
    expect(fix).toContain('docker rm -f <name>');
    expect(fix).toContain('restart Docker');
  });

  it('a published port already taken names the port and the variables', () => {
    const fix = fixForComposeFailure('Error response from daemon: driver failed programming external connectivity on endpoint booking-haproxy-1: Bind for 127.0.0.1:8080 failed: port is already allocated');
    expect(fix).toMatch(/^port 8080 is taken/);
    expect(fix).toContain('*_PORT');
  });

  it('anything else gets the general advice', () => {
    expect(fixForComposeFailure('no such service: nope')).toBe('run `npm run doctor`; `npm run logs` shows what the services said');
  });

  it('is the fix of the error a failed Compose command raises', async () => {
    const exec: ExecCompose = async () => ({ code: 1, stdout: '', stderr: 'error while removing network: network b_default has active endpoints' });
    const error = await createCompose({ execCompose: exec, fileExists: () => true, hashAliases: { read: () => new Map(), add: async () => {} } }).down().catch((e: unknown) => e as UserError);
    expect(error?.fix).toContain('docker network inspect b_default');
  });
});
