/**
 * Every failed gRPC call, as the caller sees it: one error type whatever went wrong
 * (the server refused the request, the deadline passed, HAProxy or the service could
 * not be reached), with the status as data (`code`, `status`), the procedure, the
 * fields an INVALID_ARGUMENT names, and a message that says what happened and what to
 * do about it. The ConnectError behind it stays as `cause`.
 */
import { Code, ConnectError } from '@connectrpc/connect';
import type { FieldError } from '../http-error.ts';
import { fieldViolationsOf } from './field-violations.ts';
import { statusName } from './status-name.ts';

export class RpcError extends Error {
  constructor(
    readonly procedure: string,
    readonly code: Code,
    message: string,
    readonly fields: FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RpcError';
  }

  /** DEADLINE_EXCEEDED, INVALID_ARGUMENT, UNAVAILABLE, ... */
  get status(): string {
    return statusName(this.code);
  }
}

/** What a caller should know about each status beyond the server's own words. */
const hints: Partial<Record<Code, (deadlineMs: number | undefined) => string>> = {
  [Code.DeadlineExceeded]: (ms) =>
    `no answer within the deadline${ms === undefined ? '' : ` of ${ms} ms`}: the service is slow or stopped; the call may or may not have taken effect`,
  [Code.Unavailable]: () =>
    'the service could not be reached (HAProxy has no healthy server for it, or the connection failed): check `npm run status`; safe to retry for reads',
  [Code.Unimplemented]: () => 'the server does not know this procedure: caller and server were built from different proto/ files',
  [Code.Internal]: () => 'the service failed; its log has the detail under the request id',
};

export function toRpcError(error: unknown, procedure: string, deadlineMs?: number): RpcError {
  const connectError = ConnectError.from(error);
  const fields = connectError.code === Code.InvalidArgument ? fieldViolationsOf(connectError) : [];
  const hint = hints[connectError.code]?.(deadlineMs);
  const said = connectError.rawMessage ? `: ${connectError.rawMessage}` : '';
  const message = `${procedure} failed with ${statusName(connectError.code)}${said}${hint ? ` (${hint})` : ''}`;
  return new RpcError(procedure, connectError.code, message, fields, { cause: error });
}
