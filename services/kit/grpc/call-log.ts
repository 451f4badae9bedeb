/**
 * The server side's one interceptor: one log line per call (procedure, status, duration,
 * request id) and never the request or response message, which may hold a card number
 * (payment.v1.PaymentService/TokenizeCard). A failure the handler did not mean to send
 * (anything but a ConnectError: a database error, a bug) is logged here and answered
 * as INTERNAL with a fixed message: Connect would otherwise send the error's own
 * message to the caller, and that text is the service's business.
 */
import { Code, ConnectError, type Interceptor } from '@connectrpc/connect';
import type { Logger } from '../logger.ts';
import { requestIdOf } from '../request-id.ts';
import { OK, statusName } from './status-name.ts';

/** The caller's request id travels as this metadata key (HTTP/2 header), as on the HTTP side. */
export const REQUEST_ID_HEADER = 'x-request-id';

export function callLog(log: Logger, now: () => number = () => performance.now()): Interceptor {
  return (next) => async (request) => {
    const started = now();
    const requestId = requestIdOf(request.header.get(REQUEST_ID_HEADER) ?? undefined);
    const line = (code: Code | typeof OK) => ({
      requestId,
      procedure: `${request.service.typeName}/${request.method.name}`,
      status: statusName(code),
      durationMs: Math.round((now() - started) * 10) / 10,
    });
    try {
      const response = await next(request);
      log.info('rpc', line(OK));
      return response;
    } catch (error) {
      if (error instanceof ConnectError) {
        log.info('rpc', line(error.code));
        throw error;
      }
      log.error('rpc failed', { ...line(Code.Internal), error });
      throw new ConnectError(`internal error; see the service log for request id ${requestId}`, Code.Internal);
    }
  };
}
