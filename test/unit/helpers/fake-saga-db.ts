/**
 * An in-memory database for the saga's handlers: inbox, outbox and whatever tables a
 * service adds, with transactions that are atomic (a failing unit of work leaves every
 * table as it was) and serialized (one at a time, like rows locked FOR UPDATE).
 */
import type { SagaTransaction } from '../../../services/kit/saga/inbox.ts';
import type { OutboxMessage } from '../../../services/kit/saga/outbox.ts';
import type { Transact } from '../../../services/kit/saga/transaction.ts';

export interface FakeOutboxRow extends OutboxMessage {
  id: string;
}

export interface SagaTables {
  inbox: Set<string>;
  outbox: FakeOutboxRow[];
}

export function fakeSagaDb<Tables extends SagaTables, Tx extends SagaTransaction>(initial: Tables, bind: (tables: Tables) => Omit<Tx, keyof SagaTransaction>) {
  let tables = initial;
  let ids = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const transact: Transact<Tx> = (work) => {
    const run = queue.then(async () => {
      const working = structuredClone(tables);
      const tx = {
        ...bind(working),
        inbox: {
          markHandled: async (id: string) => {
            if (working.inbox.has(id)) return false;
            working.inbox.add(id);
            return true;
          },
        },
        outbox: {
          write: async (message: OutboxMessage) => {
            const id = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
            working.outbox.push({ id, ...message });
            return id;
          },
        },
      } as Tx;
      const result = await work(tx);
      tables = working;
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return { transact, tables: () => tables };
}

let messageIds = 0;
/** A saga message as the consumer hands it to a handler. */
export function envelope(type: string, payload: Record<string, unknown> & { bookingId: string }, id?: string) {
  return { id: id ?? `10000000-0000-4000-8000-${String(++messageIds).padStart(12, '0')}`, type, bookingId: payload.bookingId, payload };
}
