/**
 * The kit's gRPC server over a real HTTP/2 socket: one log line per call without the
 * message, the fields of an INVALID_ARGUMENT as data, an unforeseen error answered as
 * INTERNAL without its text, and a graceful close that lets a call in flight finish
 * and cancels one that outlives the timeout.
 */
import { Code } from '@connectrpc/connect';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidArgument } from '../../../../../services/kit/grpc/field-violations.ts';
import { createGrpcClient } from '../../../../../services/kit/grpc/grpc-client.ts';
import type { GrpcServer } from '../../../../../services/kit/grpc/grpc-server.ts';
import { RpcError } from '../../../../../services/kit/grpc/rpc-error.ts';
import { InventoryService } from '../../../../../services/lib/gen/inventory/v1/inventory_pb.ts';
import { sampleQuote, sampleServer } from './sample-service.ts';

const servers: GrpcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close(100)));
});

async function started(quote: Parameters<typeof sampleServer>[0]) {
  const sample = await sampleServer(quote);
  servers.push(sample.server);
  return { ...sample, client: createGrpcClient(InventoryService, { baseUrl: sample.baseUrl, timeoutMs: 2_000 }) };
}

const caught = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: unknown) => error as RpcError);

describe('createGrpcServer', () => {
  it('answers a call and logs one line with the procedure and status, never the message', async () => {
    const { client, logLines } = await started((request) => ({ available: true, roomsLeft: 3, nights: 2, roomTypeName: `Room for ${request.guests}` }));
    const answer = await client.quote({ ...sampleQuote, checkIn: '2030-01-01-unmistakable' }, { headers: { 'x-request-id': '5f0c6c52-5d43-4c4e-9b0e-0d6c2a6f4c11' } });
    expect(answer).toMatchObject({ available: true, roomsLeft: 3, nights: 2, roomTypeName: 'Room for 2' });
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({
      msg: 'rpc',
      procedure: 'inventory.v1.InventoryService/Quote',
      status: 'OK',
      requestId: '5f0c6c52-5d43-4c4e-9b0e-0d6c2a6f4c11',
    });
    expect(logLines.join('\n')).not.toContain('unmistakable');
  });

  it('sends the fields of an INVALID_ARGUMENT as a typed detail', async () => {
    const { client } = await started(() => {
      throw invalidArgument([{ field: 'check_out', message: 'must be after check_in' }]);
    });
    const error = await caught(client.quote(sampleQuote));
    expect(error).toBeInstanceOf(RpcError);
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.fields).toEqual([{ field: 'check_out', message: 'must be after check_in' }]);
    expect(error.message).toContain('inventory.v1.InventoryService/Quote failed with INVALID_ARGUMENT');
  });

  it('answers an unforeseen error as INTERNAL with a fixed message; the detail stays in the log', async () => {
    const { client, logLines } = await started(() => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:3306 (secret detail)');
    });
    const error = await caught(client.quote(sampleQuote));
    expect(error.code).toBe(Code.Internal);
    expect(error.message).not.toContain('secret detail');
    expect(error.message).toMatch(/internal error; see the service log for request id [0-9a-f-]{36}/);
    const line = JSON.parse(logLines.at(-1)!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', msg: 'rpc failed', status: 'INTERNAL' });
    expect(line.error).toContain('secret detail');
  });

  it('close() lets a call in flight finish, then refuses new connections', async () => {
    let release!: () => void;
    let inFlight!: () => void;
    const reached = new Promise<void>((resolve) => (inFlight = resolve));
    const { server, client, baseUrl } = await started(async () => {
      inFlight();
      await new Promise<void>((resolve) => (release = resolve));
      return { available: true };
    });
    const call = client.quote(sampleQuote);
    await reached;
    const closing = server.close(5_000);
    release();
    expect(await call).toMatchObject({ available: true });
    expect(await closing).toBe('drained');
    const fresh = createGrpcClient(InventoryService, { baseUrl, timeoutMs: 1_000 });
    expect((await caught(fresh.quote(sampleQuote))).code).toBe(Code.Unavailable);
  });

  it('close() cancels a call that outlives its timeout and reports timed-out', async () => {
    let aborted = false;
    let inFlight!: () => void;
    const reached = new Promise<void>((resolve) => (inFlight = resolve));
    const { server, client } = await started(
      (_request, context) =>
        new Promise((_resolve, reject) => {
          inFlight();
          context.signal.addEventListener('abort', () => {
            aborted = true;
            reject(context.signal.reason as Error);
          });
        }),
    );
    const call = caught(client.quote(sampleQuote));
    await reached;
    expect(await server.close(100)).toBe('timed-out');
    expect(aborted).toBe(true);
    expect((await call).code).not.toBe(Code.DeadlineExceeded);
  });
});
