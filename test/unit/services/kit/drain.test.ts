/**
 * The drain: a request in flight when the stop begins is answered in full (and
 * told `Connection: close`), liveness turns 503, and a request that outlives the
 * drain timeout is cut so the stop ends on time.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeWithDrain, drainSwitch } from '../../../../services/kit/drain.ts';
import { createService } from '../../../../services/kit/http-service.ts';
import { createLogger } from '../../../../services/kit/logger.ts';

async function serviceWithSlowRoute(releaseAfterMs: number) {
  const drain = drainSwitch();
  const app = createService({ name: 'kit-test', log: createLogger({}, { write: () => {} }), isDraining: drain.isDraining });
  let started!: () => void;
  const inFlight = new Promise<void>((resolve) => (started = resolve));
  app.get('/slow', async () => {
    started();
    await new Promise((resolve) => setTimeout(resolve, releaseAfterMs));
    return { done: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, drain, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, inFlight };
}

describe('closeWithDrain', () => {
  it('lets an in-flight request finish, closing its connection, and reports drained', async () => {
    const { app, drain, base, inFlight } = await serviceWithSlowRoute(150);
    const slow = fetch(`${base}/slow`);
    await inFlight;
    drain.begin();
    const liveness = await app.inject({ url: '/healthz' });
    expect(liveness.statusCode).toBe(503);
    expect(liveness.json()).toEqual({ status: 'draining', service: 'kit-test' });
    const closing = closeWithDrain(app, 5_000);
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({ done: true });
    expect(await closing).toBe('drained');
  });

  it('cuts a request that outlives the drain timeout', async () => {
    const { app, drain, base, inFlight } = await serviceWithSlowRoute(5_000);
    const slow = fetch(`${base}/slow`).then(
      () => 'answered',
      () => 'cut',
    );
    await inFlight;
    drain.begin();
    expect(await closeWithDrain(app, 50)).toBe('timed-out');
    expect(await slow).toBe('cut');
  });
});
