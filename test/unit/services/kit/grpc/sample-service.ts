/**
 * A gRPC server of the kit's on a free port, serving inventory.v1.InventoryService
 * (any generated service would do) with the handler a test gives, and a log that
 * records every line.
 */
import type { ServiceImpl } from '@connectrpc/connect';
import { createGrpcServer, type GrpcServer } from '../../../../../services/kit/grpc/grpc-server.ts';
import { createLogger } from '../../../../../services/kit/logger.ts';
import { InventoryService } from '../../../../../services/lib/gen/inventory/v1/inventory_pb.ts';

export async function sampleServer(quote: ServiceImpl<typeof InventoryService>['quote']): Promise<{ server: GrpcServer; baseUrl: string; logLines: string[] }> {
  const logLines: string[] = [];
  const server = createGrpcServer({
    port: 0,
    host: '127.0.0.1',
    log: createLogger({ service: 'kit-test' }, { write: (line) => logLines.push(line) }),
    routes: (router) => router.service(InventoryService, { quote, availability: () => ({ roomTypes: [] }) }),
  });
  const port = await server.listen();
  return { server, baseUrl: `http://127.0.0.1:${port}`, logLines };
}

export const sampleQuote = { hotelId: 1n, roomTypeId: 2n, checkIn: '2030-01-01', checkOut: '2030-01-03', guests: 2 };
