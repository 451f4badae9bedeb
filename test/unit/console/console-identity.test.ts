import { describe, expect, it } from 'vitest';
import { identityOf, isOwnConsole, probeOwnConsole } from '../../../scripts/lib/console/console-identity.ts';

describe('console identity', () => {
  it("recognises this checkout's console, not another checkout's nor another program", async () => {
    expect(isOwnConsole(identityOf('/a'), '/a')).toBe(true);
    expect(isOwnConsole(identityOf('/b'), '/a')).toBe(false);
    expect(isOwnConsole({ status: 'ok' }, '/a')).toBe(false);
    const answering = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
    expect(await probeOwnConsole(9900, '/a', answering(200, identityOf('/a')))).toBe(true);
    expect(await probeOwnConsole(9900, '/a', answering(403, identityOf('/a')))).toBe(false);
    expect(await probeOwnConsole(9900, '/a', (async () => Promise.reject(new Error('ECONNREFUSED'))) as unknown as typeof fetch)).toBe(false);
  });
});
