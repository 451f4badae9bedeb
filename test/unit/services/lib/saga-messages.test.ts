/** The one routing table of commands (services/lib/saga/messages.ts), as the orchestrator writes them. */
import { describe, expect, it } from 'vitest';
import { toOutboxMessage, type Command } from '../../../../services/booking/saga-messages.ts';
import { AGGREGATE, COMMAND_AGGREGATE } from '../../../../services/lib/saga/messages.ts';

describe('command routing', () => {
  it("sends inventory's commands to inventory.commands and payment's to payment.commands, keyed by the booking", () => {
    expect(Object.entries(COMMAND_AGGREGATE).map(([type, aggregate]) => `${type}→${aggregate}`)).toEqual([
      'HoldRooms→inventory.commands',
      'ConfirmHold→inventory.commands',
      'ReleaseHold→inventory.commands',
      'AuthorizePayment→payment.commands',
      'CapturePayment→payment.commands',
      'VoidPayment→payment.commands',
      'RefundPayment→payment.commands',
    ]);
    const command: Command = { type: 'CapturePayment', payload: { bookingId: 'b-1' } };
    expect(toOutboxMessage(command)).toEqual({ aggregateType: AGGREGATE.paymentCommands, aggregateId: 'b-1', type: 'CapturePayment', payload: { bookingId: 'b-1' } });
  });
});
