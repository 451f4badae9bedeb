/**
 * Every service's pool reads and writes timestamps as UTC: a hold's expiry or a saga's
 * step deadline is the same instant in the service, the database and the sweepers.
 */
import { describe, expect, it } from 'vitest';
import { createServicePool } from '../../../../services/kit/mysql-pool.ts';

describe('createServicePool', () => {
  it('takes Dates as UTC and sets the session to UTC on every new connection', async () => {
    const pool = createServicePool({ host: '127.0.0.1', port: 1, database: 'd', user: 'u', password: 'p' });
    const core = (pool as unknown as { pool: { config: { connectionConfig: { timezone: string } } } }).pool;
    expect(core.config.connectionConfig.timezone).toBe('Z');
    expect(pool.listenerCount('connection')).toBe(1);
    await pool.end();
  });
});
