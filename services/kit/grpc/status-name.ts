/**
 * The gRPC spec's name of a status code (DEADLINE_EXCEEDED, INVALID_ARGUMENT, ...), as
 * grpcurl, HAProxy's logs and other languages' clients print it; 0 is OK, which
 * Connect's Code enum leaves out because a success carries no error code.
 */
import { Code } from '@connectrpc/connect';

export const OK = 0;

export function statusName(code: Code | typeof OK): string {
  if (code === OK) return 'OK';
  const name = Code[code] ?? 'Unknown';
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
