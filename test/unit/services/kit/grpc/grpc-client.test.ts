/**
 * The kit's gRPC client: every call carries a deadline the server sees, a deadline that
 * passes is a DEADLINE_EXCEEDED that says so, an unreachable server is UNAVAILABLE, and
 * a client without a deadline cannot be made.
 */
import { Code } from '@connectrpc/connect';
import { afterEach, describe, expect, it } from 'vitest';
import { createGrpcClient } from '../../../../../services/kit/grpc/grpc-client.ts';
import type { GrpcServer } from '../../../../../services/kit/grpc/grpc-server.ts';
import type { RpcError } from '../../../../../services/kit/grpc/rpc-error.ts';
import { InventoryService } from '../../../../../services/lib/gen/inventory/v1/inventory_pb.ts';
import { sampleQuote, sampleServer } from './sample-service.ts';

const servers: GrpcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close(100)));
});

const caught = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: unknown) => error as RpcError);

describe('createGrpcClient', () => {
  it('sends its default deadline with every call; a call may set a shorter one', async () => {
    const seen: Array<number | undefined> = [];
    const { server, baseUrl } = await sampleServer((_request, context) => {
      seen.push(context.timeoutMs());
      return {};
    });
    servers.push(server);
    const client = createGrpcClient(InventoryService, { baseUrl, timeoutMs: 1_500 });
    await client.quote(sampleQuote);
    await client.quote(sampleQuote, { timeoutMs: 300 });
    expect(seen[0]).toBeGreaterThan(1_000);
    expect(seen[0]).toBeLessThanOrEqual(1_500);
    expect(seen[1]).toBeLessThanOrEqual(300);
  });

  it('a deadline that passes is DEADLINE_EXCEEDED, naming the procedure and the deadline', async () => {
    const { server, baseUrl } = await sampleServer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return {};
    });
    servers.push(server);
    const client = createGrpcClient(InventoryService, { baseUrl, timeoutMs: 5_000 });
    const started = Date.now();
    const error = await caught(client.quote(sampleQuote, { timeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(900);
    expect(error.code).toBe(Code.DeadlineExceeded);
    expect(error.status).toBe('DEADLINE_EXCEEDED');
    expect(error.procedure).toBe('inventory.v1.InventoryService/Quote');
    expect(error.message).toContain('inventory.v1.InventoryService/Quote failed with DEADLINE_EXCEEDED');
    expect(error.message).toContain('no answer within the deadline of 150 ms');
  });

  it('a server that is not there is UNAVAILABLE with what to check', async () => {
    const { server, baseUrl } = await sampleServer(() => ({}));
    await server.close(100);
    const error = await caught(createGrpcClient(InventoryService, { baseUrl, timeoutMs: 1_000 }).quote(sampleQuote));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.message).toContain('npm run status');
  });

  it('refuses to make a client without a positive deadline', () => {
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createGrpcClient(InventoryService, { baseUrl: 'http://haproxy:50051', timeoutMs })).toThrow('every call must have a deadline');
    }
  });
});
