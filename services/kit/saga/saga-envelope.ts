/**
 * A saga message as the outbox event router writes it (kafka/connectors/outbox-*.json):
 * key = the booking id (the row's aggregateid), header `id` = the outbox row's id,
 * header `type` = its type, value = the payload as JSON. When the router cannot expand
 * a payload into JSON (it logs "JSON expansion failed" and goes on) the value is that
 * payload as a JSON string, so a string holding a JSON object is accepted too.
 */
import type { SourceMessage } from '../../kit/kafka/dead-letter.ts';

export interface SagaEnvelope {
  id: string;
  type: string;
  /** The Kafka key: the booking id. */
  bookingId: string;
  payload: Record<string, unknown>;
}

export type DecodedEnvelope = { ok: true; envelope: SagaEnvelope } | { ok: false; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeEnvelope(message: Pick<SourceMessage, 'key' | 'value' | 'headers'>): DecodedEnvelope {
  const id = message.headers?.id;
  const type = message.headers?.type;
  if (!id || !UUID.test(id)) return { ok: false, reason: `header "id" must be the outbox row's UUID (got ${JSON.stringify(id ?? null)})` };
  if (!type) return { ok: false, reason: 'header "type" is missing' };
  const bookingId = message.key?.toString();
  if (!bookingId) return { ok: false, reason: 'the key (the booking id) is missing' };
  if (!message.value) return { ok: false, reason: 'the value is empty (a tombstone is never a saga message)' };
  let payload: unknown;
  try {
    payload = JSON.parse(message.value.toString('utf8'));
    if (typeof payload === 'string') payload = JSON.parse(payload);
  } catch (error) {
    return { ok: false, reason: `the value is not JSON: ${(error as Error).message}` };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, reason: 'the value is not a JSON object' };
  const inPayload = (payload as { bookingId?: unknown }).bookingId;
  if (inPayload !== bookingId) return { ok: false, reason: `payload bookingId ${JSON.stringify(inPayload ?? null)} differs from the key ${JSON.stringify(bookingId)}` };
  return { ok: true, envelope: { id, type, bookingId, payload: payload as Record<string, unknown> } };
}
