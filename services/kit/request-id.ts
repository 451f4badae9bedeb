/**
 * The id that follows a request through the logs. HAProxy replaces whatever id a
 * client sent with its own, a UUID (`unique-id-format %[uuid()]` in haproxy/haproxy.cfg),
 * so behind the edge the header always holds HAProxy's. A request that reaches a
 * replica another way (another container on the stack's network, a test) brings the
 * caller's header: it is kept only when it has the edge's shape, a UUID, so a client
 * can never put spaces, quotes, control characters or a long string into a log line;
 * anything else gets a new UUID.
 */
import { randomUUID } from 'node:crypto';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRequestIdShape(value: string): boolean {
  return UUID_SHAPE.test(value);
}

/** The header's id when it is a UUID (a repeated header never is: Node joins the values), else a new one. */
export function requestIdOf(header: string | string[] | undefined, generate: () => string = randomUUID): string {
  const value = Array.isArray(header) ? header.join(', ') : header;
  return value !== undefined && isRequestIdShape(value) ? value : generate();
}
