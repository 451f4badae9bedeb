/**
 * The inventory's consumer of `inventory.commands`: each message type, its payload
 * decoded (a broken payload is poison: dead-lettered) and handed to its command.
 */
import type { SagaHandler } from '../kit/saga/saga-chunk.ts';
import { decodeBookingOnly } from '../lib/saga/payload-fields.ts';
import { decodeHoldRooms, type HoldCommands } from './hold-commands.ts';

export function inventorySagaHandlers(commands: HoldCommands): Record<string, SagaHandler> {
  return {
    HoldRooms: (message) => commands.holdRooms(message, decodeHoldRooms(message.payload)),
    ConfirmHold: (message) => commands.confirmHold(message, decodeBookingOnly('ConfirmHold', message.payload)),
    ReleaseHold: (message) => commands.releaseHold(message, decodeBookingOnly('ReleaseHold', message.payload)),
  };
}
