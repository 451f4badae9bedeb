import { describe, expect, it } from 'vitest';
import { foreignConnectors, removeForeignConnectors } from '../../../scripts/lib/connect/foreign-connectors.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { Deadline } from '../../../scripts/lib/wait/clock.ts';
import { fakeClock } from '../helpers/fake-clock.ts';
import { fakeConnect } from '../helpers/fake-connect.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';

const mariadb = { DB_ENGINE: 'mariadb', MYSQL_DATABASE: 'booking' };
const mysql = { DB_ENGINE: 'mysql', MYSQL_DATABASE: 'booking' };

describe('foreignConnectors: which registered connectors belong to the other engine', () => {
  it('on a MariaDB stack, the MySQL connector, and only it', () => {
    expect(foreignConnectors(['catalog-cdc-mariadb', 'catalog-cdc-mysql'], stackConfigOf(mariadb))).toEqual([{ name: 'catalog-cdc-mysql', engine: 'mysql' }]);
  });

  it('on a MySQL stack, the MariaDB connector', () => {
    expect(foreignConnectors(['catalog-cdc-mariadb', 'catalog-cdc-mysql'], stackConfigOf(mysql))).toEqual([{ name: 'catalog-cdc-mariadb', engine: 'mariadb' }]);
  });

  it('nothing when only this engine\'s connector is registered', () => {
    expect(foreignConnectors(['catalog-cdc-mariadb'], stackConfigOf(mariadb))).toEqual([]);
    expect(foreignConnectors([], stackConfigOf(mysql))).toEqual([]);
  });

  it('never a connector someone registered by hand, nor the other engine\'s for another database', () => {
    expect(foreignConnectors(['my-own-connector', 'cdc-mysql', 'inventory-mysql'], stackConfigOf(mariadb))).toEqual([]);
  });

  it('the other engine\'s inventory connector of date search too (issue 21), never this engine\'s', () => {
    const registered = ['catalog-cdc-mariadb', 'inventory-cdc-mariadb', 'inventory-cdc-mysql'];
    expect(foreignConnectors(registered, stackConfigOf(mariadb))).toEqual([{ name: 'inventory-cdc-mysql', engine: 'mysql' }]);
  });
});

const LIST = 'GET /connectors?expand=status';
const STOP = 'PUT /connectors/catalog-cdc-mysql/stop';
const OFFSETS = 'DELETE /connectors/catalog-cdc-mysql/offsets';
const REMOVE = 'DELETE /connectors/catalog-cdc-mysql';
const registered = (...names: string[]) => ({ status: 200, body: Object.fromEntries(names.map((name) => [name, { status: { name } }])) });
const deadline = () => new Deadline(fakeClock(), 60_000);

describe('removeForeignConnectors', () => {
  it('stops the other engine\'s connector, resets its offsets once it is STOPPED, then deletes it', async () => {
    const { client, calls } = fakeConnect({
      [LIST]: [registered('catalog-cdc-mariadb', 'catalog-cdc-mysql')],
      [STOP]: [{ status: 202 }],
      // Connect refuses to touch offsets until the stop has gone through a rebalance.
      [OFFSETS]: [{ status: 400, body: { message: 'Connectors must be in the STOPPED state before their offsets can be modified.' } }, { status: 200 }],
      [REMOVE]: [{ status: 204 }],
    });
    const removed = await removeForeignConnectors({ client, stack: stackConfigOf(mariadb), deadline: deadline() });
    expect(removed).toEqual([{ name: 'catalog-cdc-mysql', engine: 'mysql' }]);
    expect(calls).toEqual([LIST, STOP, OFFSETS, OFFSETS, REMOVE]);
  });

  it('touches nothing when no foreign connector is registered', async () => {
    const { client, calls } = fakeConnect({ [LIST]: [registered('catalog-cdc-mariadb')] });
    expect(await removeForeignConnectors({ client, stack: stackConfigOf(mariadb), deadline: deadline() })).toEqual([]);
    expect(calls).toEqual([LIST]);
  });

  it('retries while Connect rebalances (409) and counts a connector already gone (404) as removed', async () => {
    const { client, calls } = fakeConnect({
      [LIST]: [{ status: 503 }, registered('catalog-cdc-mysql')],
      [STOP]: [{ status: 409 }, { status: 202 }],
      [OFFSETS]: [{ status: 404 }],
      [REMOVE]: [{ status: 404 }],
    });
    await removeForeignConnectors({ client, stack: stackConfigOf(mariadb), deadline: deadline() });
    expect(calls).toEqual([LIST, LIST, STOP, STOP, OFFSETS, REMOVE]);
  });

  it('stops at an answer retrying cannot change, naming the step and the fix', async () => {
    const { client } = fakeConnect({ [LIST]: [registered('catalog-cdc-mysql')], [STOP]: [{ status: 405, body: { message: 'HTTP 405 Method Not Allowed' } }] });
    const failure = removeForeignConnectors({ client, stack: stackConfigOf(mariadb), deadline: deadline() });
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(/stop connector catalog-cdc-mysql \(405: .*Method Not Allowed/);
  });
});
