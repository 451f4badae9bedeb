import { describe, expect, it } from 'vitest';
import { loadConnector, renderConnector } from '../../../scripts/lib/connect/render-connector.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';

const template = JSON.stringify({
  name: 'catalog-cdc-${DB_ENGINE}',
  config: { 'database.user': '${DEBEZIUM_DB_USER}', 'database.password': '${DEBEZIUM_DB_PASSWORD}', 'tasks.max': 1, 'table.include.list': '${MYSQL_DATABASE}.hotels' },
});

describe('renderConnector', () => {
  it('fills placeholders inside string values and stringifies the rest', () => {
    const rendered = renderConnector(template, { DB_ENGINE: 'mysql', DEBEZIUM_DB_USER: 'debezium', DEBEZIUM_DB_PASSWORD: 'p"a\\ss', MYSQL_DATABASE: 'booking' }, 'kafka/connectors/mysql.json');
    expect(rendered).toEqual({
      name: 'catalog-cdc-mysql',
      config: { 'database.user': 'debezium', 'database.password': 'p"a\\ss', 'tasks.max': '1', 'table.include.list': 'booking.hotels' },
    });
  });

  it('names every unknown placeholder and the file', () => {
    const error = (() => {
      try {
        renderConnector(template, { DB_ENGINE: 'mysql' }, 'kafka/connectors/mysql.json');
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toBe('kafka/connectors/mysql.json uses unknown placeholder(s) ${DEBEZIUM_DB_USER}, ${DEBEZIUM_DB_PASSWORD}, ${MYSQL_DATABASE}');
    expect(error!.fix).toContain('.env');
  });

  it('rejects malformed placeholders, bad JSON and the wrong shape', () => {
    expect(() => renderConnector('{"name":"x","config":{"a":"${not valid}"}}', {}, 'f.json')).toThrow('unknown placeholder(s) ${not valid}');
    expect(() => renderConnector('{"name":', {}, 'f.json')).toThrow('f.json is not valid JSON');
    expect(() => renderConnector('{"name":"x","config":[]}', {}, 'f.json')).toThrow('must be { "name": "...", "config": { ... } }');
  });

  it('picks the template of DB_ENGINE', () => {
    const read = (path: string) => {
      if (!path.endsWith('/mariadb.json')) throw new Error('ENOENT');
      return '{"name":"m","config":{"x":"${DB_ENGINE}"}}';
    };
    expect(loadConnector(stackConfigOf({ DB_ENGINE: 'mariadb' }), { dir: '/repo/kafka/connectors', read })).toEqual({ name: 'm', config: { x: 'mariadb' } });
    expect(() => loadConnector(stackConfigOf({ DB_ENGINE: 'mysql' }), { dir: '/repo/kafka/connectors', read })).toThrow('is missing (DB_ENGINE=mysql)');
  });
});
