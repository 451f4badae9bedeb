/**
 * INVALID_ARGUMENT with the fields that are wrong, the gRPC side's counterpart of the
 * HTTP side's `fields` (http-error.ts). The fields travel as a typed error detail
 * (kit.v1.FieldViolations, proto/kit/v1/errors.proto) in the `grpc-status-details-bin`
 * trailer, so a caller reads them back as data, not by parsing a message.
 * A description says what is expected, never the value received (a card number must
 * not come back in an error).
 */
import { Code, ConnectError } from '@connectrpc/connect';
import { FieldViolationsSchema } from '../../lib/gen/kit/v1/errors_pb.ts';
import type { FieldError } from '../http-error.ts';

export function invalidArgument(fields: FieldError[]): ConnectError {
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new ConnectError(`invalid request: ${summary}`, Code.InvalidArgument, undefined, [
    { desc: FieldViolationsSchema, value: { violations: fields.map((f) => ({ field: f.field, description: f.message })) } },
  ]);
}

/** The fields an error names, from its FieldViolations detail; empty when it has none. */
export function fieldViolationsOf(error: ConnectError): FieldError[] {
  return error.findDetails(FieldViolationsSchema).flatMap((detail) => detail.violations.map((v) => ({ field: v.field, message: v.description })));
}
