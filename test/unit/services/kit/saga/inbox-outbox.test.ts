import { describe, expect, it } from 'vitest';
import { handleOnce, sqlInbox, type SagaTransaction } from '../../../../../services/kit/saga/inbox.ts';
import { sqlOutbox } from '../../../../../services/kit/saga/outbox.ts';
import type { SqlConnection } from '../../../../../services/kit/saga/sql-connection.ts';
import { sqlTransact } from '../../../../../services/kit/saga/transaction.ts';
import { fakeSagaDb, type SagaTables } from '../../../helpers/fake-saga-db.ts';

/** A connection recording its statements; `fail` decides whether one throws. */
function recordingConnection(fail: (sql: string, values: unknown[]) => Error | undefined = () => undefined) {
  const statements: Array<{ sql: string; values: unknown[] }> = [];
  const connection = {
    execute: async (sql: string, values: unknown[] = []) => {
      statements.push({ sql, values });
      const error = fail(sql, values);
      if (error) throw error;
      return [{ affectedRows: 1 }, []];
    },
  } as unknown as SqlConnection;
  return { connection, statements };
}

const duplicate = () => Object.assign(new Error("Duplicate entry 'x' for key 'PRIMARY'"), { errno: 1062, code: 'ER_DUP_ENTRY' });

describe('sqlOutbox', () => {
  it('inserts the row with a new id and the payload as JSON, and returns the id', async () => {
    const { connection, statements } = recordingConnection();
    const id = await sqlOutbox(connection, () => 'new-id').write({ aggregateType: 'inventory.replies', aggregateId: 'b1', type: 'RoomsHeld', payload: { bookingId: 'b1', n: 1 } });
    expect(id).toBe('new-id');
    expect(statements[0]!.sql).toMatch(/^INSERT INTO outbox \(id, aggregatetype, aggregateid, type, payload\)/);
    expect(statements[0]!.values).toEqual(['new-id', 'inventory.replies', 'b1', 'RoomsHeld', '{"bookingId":"b1","n":1}']);
  });

  it('gives every message its own UUID by default', async () => {
    const { connection } = recordingConnection();
    const outbox = sqlOutbox(connection);
    const message = { aggregateType: 't', aggregateId: 'b1', type: 'X', payload: {} };
    const [a, b] = [await outbox.write(message), await outbox.write(message)];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});

describe('sqlInbox', () => {
  it('is true the first time and false for an id already recorded (duplicate key)', async () => {
    const seen = new Set<unknown>();
    const { connection } = recordingConnection((_sql, [id]) => (seen.has(id) ? duplicate() : void seen.add(id)));
    const inbox = sqlInbox(connection);
    expect(await inbox.markHandled('m1')).toBe(true);
    expect(await inbox.markHandled('m1')).toBe(false);
  });

  it('lets any other error through', async () => {
    const { connection } = recordingConnection(() => Object.assign(new Error('gone away'), { errno: 2006 }));
    await expect(sqlInbox(connection).markHandled('m1')).rejects.toThrow('gone away');
  });
});

describe('handleOnce', () => {
  const db = () => fakeSagaDb<SagaTables & { effects: number }, SagaTransaction & { count: () => void }>({ inbox: new Set(), outbox: [], effects: 0 }, (t) => ({ count: () => void t.effects++ }));

  it('runs the effect and writes its replies once per message id', async () => {
    const d = db();
    const effect = async (tx: SagaTransaction & { count: () => void }) => {
      tx.count();
      return [{ aggregateType: 'r', aggregateId: 'b1', type: 'Done', payload: { bookingId: 'b1' } }];
    };
    expect(await handleOnce(d.transact, 'm1', effect)).toBe('handled');
    expect(await handleOnce(d.transact, 'm1', effect)).toBe('duplicate');
    expect(d.tables().effects).toBe(1);
    expect(d.tables().outbox.map((r) => r.type)).toEqual(['Done']);
  });

  it('a failing effect records nothing, so the redelivery runs it', async () => {
    const d = db();
    await expect(handleOnce(d.transact, 'm1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(d.tables().inbox.size).toBe(0);
    expect(await handleOnce(d.transact, 'm1', async () => [])).toBe('handled');
  });
});

describe('sqlTransact', () => {
  function fakePool(options: { rollbackFails?: boolean } = {}) {
    const calls: string[] = [];
    const connection = {
      query: async (sql: string) => void calls.push(sql),
      beginTransaction: async () => void calls.push('begin'),
      commit: async () => void calls.push('commit'),
      rollback: async () => {
        calls.push('rollback');
        if (options.rollbackFails) throw new Error('connection lost');
      },
      release: () => void calls.push('release'),
      destroy: () => void calls.push('destroy'),
    };
    return { pool: { getConnection: async () => connection } as never, calls };
  }

  it('commits the work at READ COMMITTED and releases the connection', async () => {
    const { pool, calls } = fakePool();
    expect(await sqlTransact(pool, () => ({}))(async () => 42)).toBe(42);
    expect(calls).toEqual(['SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'begin', 'commit', 'release']);
  });

  it('rolls back on error and rethrows the work\'s error; a connection whose rollback failed is destroyed, not reused', async () => {
    const ok = fakePool();
    await expect(sqlTransact(ok.pool, () => ({}))(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(ok.calls.slice(1)).toEqual(['begin', 'rollback', 'release']);
    const broken = fakePool({ rollbackFails: true });
    await expect(sqlTransact(broken.pool, () => ({}))(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(broken.calls.slice(1)).toEqual(['begin', 'rollback', 'destroy']);
  });
});
