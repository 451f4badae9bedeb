/**
 * TokenizeCard through the kit's real gRPC server and client: the token comes back
 * with the brand and last four, the store receives nothing more, and neither the log
 * nor an error ever holds the full number, whether the card is accepted, refused or
 * the store fails.
 */
import { Code } from '@connectrpc/connect';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentService } from '../../../../services/lib/gen/payment/v1/payment_pb.ts';
import { createGrpcClient } from '../../../../services/kit/grpc/grpc-client.ts';
import { createGrpcServer, type GrpcServer } from '../../../../services/kit/grpc/grpc-server.ts';
import type { RpcError } from '../../../../services/kit/grpc/rpc-error.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import type { CardTokenStore } from '../../../../services/payment/card-token-store.ts';
import { paymentRpc } from '../../../../services/payment/payment-rpc.ts';
import { TEST_CARDS } from '../../../../services/payment/test-cards.ts';

const servers: GrpcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close(100)));
});

async function payment(store: CardTokenStore) {
  const logLines: string[] = [];
  const server = createGrpcServer({
    port: 0,
    host: '127.0.0.1',
    log: createLogger({ service: 'payment' }, { write: (line) => logLines.push(line) }),
    routes: (router) => router.service(PaymentService, paymentRpc({ store, now: () => new Date('2030-06-15T00:00:00Z'), newToken: () => 'tok-1' })),
  });
  servers.push(server);
  const port = await server.listen();
  return { client: createGrpcClient(PaymentService, { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2_000 }), logLines };
}

const card = { number: TEST_CARDS.decline, expiryMonth: 1, expiryYear: 2032, cvc: '321' };
const caught = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: unknown) => error as RpcError);

describe('PaymentService.TokenizeCard', () => {
  it('returns a token with brand and last four; the store gets only those and the behaviour', async () => {
    const saved: unknown[] = [];
    const { client, logLines } = await payment({ save: async (token, summary) => void saved.push({ token, ...summary }) });
    expect(await client.tokenizeCard(card)).toMatchObject({ token: 'tok-1', brand: 'visa', last4: '0002' });
    expect(saved).toEqual([{ token: 'tok-1', brand: 'visa', last4: '0002', behaviour: 'decline' }]);
    expect(logLines.join('\n')).not.toContain(TEST_CARDS.decline);
  });

  it('refuses a number failing Luhn with INVALID_ARGUMENT on `number`; neither error nor log holds it', async () => {
    const { client, logLines } = await payment({ save: async () => expect.unreachable('nothing to save') });
    const wrong = '4000000000000003';
    const error = await caught(client.tokenizeCard({ ...card, number: wrong }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.fields.map((f) => f.field)).toEqual(['number']);
    expect(`${error.message} ${JSON.stringify(error.fields)}`).not.toContain(wrong);
    expect(logLines.join('\n')).not.toContain(wrong);
  });

  it('a store failure is INTERNAL; the log line has the failure but not the number', async () => {
    const { client, logLines } = await payment({
      save: async () => {
        throw new Error("Duplicate entry 'tok-1' for key 'PRIMARY'");
      },
    });
    const error = await caught(client.tokenizeCard(card));
    expect(error.code).toBe(Code.Internal);
    expect(logLines.join('\n')).toContain('Duplicate entry');
    expect(`${error.message}\n${logLines.join('\n')}`).not.toContain(TEST_CARDS.decline);
  });
});
