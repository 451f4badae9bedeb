/**
 * The gRPC side of a service: Connect's Node adapter (https://connectrpc.com/docs/node/server-plugins)
 * on node:http2 in cleartext (h2c with prior knowledge, as HAProxy's `proto h2` server
 * lines speak it inside the compose network). Only the gRPC protocol is served: every
 * caller is another service, through HAProxy's internal frontend.
 *
 * close() is the graceful stop serve.ts runs beside the HTTP drain: no new connections,
 * a GOAWAY on every open HTTP/2 session (HAProxy opens no new stream on it and retries a
 * refused connection on another server), calls in flight finish; whatever is left when
 * the timeout passes is cancelled (handlers see their signal abort) and cut.
 */
import type { ConnectRouter } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { createServer, type Http2Server, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { drainedWithin } from '../drain.ts';
import type { Logger } from '../logger.ts';
import { callLog } from './call-log.ts';

export interface GrpcServerOptions {
  port: number;
  log: Logger;
  /** Registers the service's implementations: `(router) => router.service(Desc, impl)`. */
  routes: (router: ConnectRouter) => void;
  /**
   * A call asking for a longer deadline is refused with INVALID_ARGUMENT (Connect's rule); default 30 s,
   * HAProxy's `timeout server`, which would cut such a call anyway.
   */
  maxTimeoutMs?: number;
  host?: string;
}

export interface GrpcServer {
  /** Starts listening; resolves with the bound port (useful with port 0 in tests). */
  listen(): Promise<number>;
  close(timeoutMs: number): Promise<'drained' | 'timed-out'>;
}

export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const shutdown = new AbortController();
  const handler = connectNodeAdapter({
    routes: options.routes,
    grpc: true,
    grpcWeb: false,
    connect: false,
    maxTimeoutMs: options.maxTimeoutMs ?? 30_000,
    shutdownSignal: shutdown.signal,
    interceptors: [callLog(options.log)],
  });
  const server: Http2Server = createServer(handler);
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host ?? '0.0.0.0', () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),

    async close(timeoutMs) {
      if (!server.listening) return 'drained';
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.close();
      const outcome = await drainedWithin(closed, timeoutMs);
      if (outcome === 'timed-out') {
        shutdown.abort();
        for (const session of sessions) session.destroy();
        await closed;
      }
      return outcome;
    },
  };
}
