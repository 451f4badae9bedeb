/**
 * A gRPC call through HAProxy's internal frontend (haproxy:50051), which the stack
 * never publishes: the call is made from inside the compose network, by `node` in a
 * running services container (`docker exec`, the image has node and the compiled kit),
 * with the kit's own client (services/dist/kit/grpc/grpc-client.js), so the test
 * exercises the client the services use, the network path they use, and nothing is
 * opened to the host for the test's sake. The script comes on stdin; the answer or
 * the RpcError comes back as one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { containers } from './running-stack.ts';

export interface ProbeCall {
  service: 'inventory' | 'payment';
  method: 'quote' | 'availability' | 'tokenizeCard';
  request: Record<string, unknown>;
  /** Request fields that are uint64 in the proto (sent as BigInt). */
  bigints?: string[];
  timeoutMs: number;
  requestId?: string;
}

export type ProbeResult =
  | { ok: true; value: Record<string, unknown>; ms: number }
  | { ok: false; status: string; message: string; fields: Array<{ field: string; message: string }>; ms: number };

const generated = {
  inventory: ['/app/services/dist/lib/gen/inventory/v1/inventory_pb.js', 'InventoryService'],
  payment: ['/app/services/dist/lib/gen/payment/v1/payment_pb.js', 'PaymentService'],
} as const;

/** Runs the call from the container of `from` (a compose service of the services image). */
export function callThroughHaproxy(from: string, call: ProbeCall): ProbeResult {
  const container = containers().find((c) => c.service === from && c.running);
  if (!container) throw new Error(`no running ${from} container in this project: run npm run up`);
  const [module, serviceName] = generated[call.service];
  const script = `
    const { createGrpcClient } = await import('/app/services/dist/kit/grpc/grpc-client.js');
    const { ${serviceName} } = await import(${JSON.stringify(module)});
    const call = ${JSON.stringify(call)};
    const request = { ...call.request };
    for (const key of call.bigints ?? []) request[key] = BigInt(request[key]);
    const client = createGrpcClient(${serviceName}, { baseUrl: 'http://haproxy:50051', timeoutMs: call.timeoutMs, requestId: () => call.requestId });
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const json = (value) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? Number(v) : v));
    try {
      const value = await client[call.method](request);
      console.log(json({ ok: true, value, ms: ms() }));
    } catch (error) {
      console.log(json({ ok: false, status: error.status, message: error.message, fields: error.fields ?? [], ms: ms() }));
    }
  `;
  const output = execFileSync('docker', ['exec', '-i', container.id, 'node', '--input-type=module', '-'], { input: script, encoding: 'utf8', timeout: 60_000 });
  const line = output.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as ProbeResult;
  } catch {
    throw new Error(`the probe in ${from} printed no answer:\n${output}`);
  }
}
