/**
 * A client of another service's gRPC side: Connect's gRPC transport over HTTP/2
 * (cleartext, to HAProxy's internal frontend), with a deadline on every call (the
 * default below unless the call passes its own `timeoutMs`; the server sees it as
 * `grpc-timeout` and Connect cancels the call here when it passes; unary calls) and every failure
 * thrown as one RpcError (rpc-error.ts).
 */
import type { DescService } from '@bufbuild/protobuf';
import { createClient, type CallOptions, type Client, type Interceptor } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { toRpcError } from './rpc-error.ts';

export interface GrpcClientOptions {
  /** http://haproxy:50051 inside the stack. */
  baseUrl: string;
  /** The deadline of a call that sets none itself. Required: no call may wait forever. */
  timeoutMs: number;
  /** Sent as x-request-id, so the callee's log line carries the caller's request id. */
  requestId?: () => string | undefined;
}

export function createGrpcClient<T extends DescService>(service: T, options: GrpcClientOptions): Client<T> {
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new Error(`a gRPC client needs a positive timeoutMs (got ${options.timeoutMs}): every call must have a deadline`);
  }
  const transport = createGrpcTransport({
    baseUrl: options.baseUrl,
    defaultTimeoutMs: options.timeoutMs,
    interceptors: options.requestId ? [passRequestId(options.requestId)] : [],
  });
  const client = createClient(service, transport) as Record<string, (request: unknown, call?: CallOptions) => Promise<unknown>>;
  // Connect turns whatever an interceptor throws back into a ConnectError, so the one
  // error shape is made here, around each method (unary calls: all the services have).
  const wrapped: Record<string, (request: unknown, call?: CallOptions) => Promise<unknown>> = {};
  for (const method of service.methods) {
    const call = client[method.localName]!;
    const procedure = `${service.typeName}/${method.name}`;
    wrapped[method.localName] = (request, callOptions) =>
      call(request, callOptions).catch((error: unknown) => {
        throw toRpcError(error, procedure, callOptions?.timeoutMs ?? options.timeoutMs);
      });
  }
  return wrapped as Client<T>;
}

function passRequestId(requestId: () => string | undefined): Interceptor {
  return (next) => (request) => {
    const id = requestId();
    if (id) request.header.set('x-request-id', id);
    return next(request);
  };
}
