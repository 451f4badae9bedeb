/**
 * serve() with a server beside the HTTP one (the gRPC side): both listen before the
 * `listening` line, and on SIGTERM both drain together, with the drain timeout, before
 * the service's resources close and the process exits 0.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { drainSwitch } from '../../../../services/kit/drain.ts';
import { createService } from '../../../../services/kit/http-service.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import { serve, type SideServer } from '../../../../services/kit/serve.ts';

describe('serve with a server alongside', () => {
  it('starts it, then on SIGTERM drains it with the HTTP server before closing resources', async () => {
    const events: string[] = [];
    const lines: string[] = [];
    const log = createLogger({}, { write: (line) => lines.push(line) });
    const drain = drainSwitch();
    const app = createService({ name: 'kit-test', log, isDraining: drain.isDraining });
    const side: SideServer = {
      name: 'grpc',
      listen: async () => {
        events.push('grpc listening');
        return 50_051;
      },
      close: async (timeoutMs) => {
        events.push(`grpc closing (timeout ${timeoutMs} ms, draining: ${drain.isDraining()})`);
        return 'drained';
      },
    };
    const proc = Object.assign(new EventEmitter(), { exit: (code?: number) => void events.push(`exit ${code}`) }) as unknown as Pick<NodeJS.Process, 'once' | 'exit'>;
    await serve(app, {
      port: 0,
      log,
      drain,
      drainTimeoutMs: 1_234,
      hardDeadlineMs: 5_000,
      alongside: [side],
      closeResources: async () => void events.push('resources closed'),
      proc,
    });
    expect(JSON.parse(lines.find((line) => line.includes('"listening"'))!)).toMatchObject({ msg: 'listening', grpcPort: 50_051 });
    (proc as unknown as EventEmitter).emit('SIGTERM');
    await new Promise<void>((resolve) => {
      const check = () => (events.includes('exit 0') ? resolve() : setTimeout(check, 10));
      check();
    });
    expect(events).toEqual(['grpc listening', 'grpc closing (timeout 1234 ms, draining: true)', 'resources closed', 'exit 0']);
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(expect.arrayContaining(['http server closed', 'grpc server closed']));
  });
});
