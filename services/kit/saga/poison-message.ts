/**
 * A message no retry can ever handle (a payload that breaks the contract, a type this
 * consumer has no handler for): it is dead-lettered at once, with this error's message.
 */
export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}
