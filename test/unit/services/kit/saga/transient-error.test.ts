import { describe, expect, it } from 'vitest';
import { isTransientSqlError } from '../../../../../services/kit/saga/transient-error.ts';

describe('isTransientSqlError', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['connection lost', Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' })],
    ['deadlock', Object.assign(new Error('Deadlock found'), { errno: 1213 })],
    ['lock wait timeout', Object.assign(new Error('Lock wait timeout exceeded'), { errno: 1205 })],
    ['server shutdown', Object.assign(new Error('Server shutdown in progress'), { errno: 1053 })],
    ['a closed connection', new Error("Can't add new command when connection is in closed state")],
  ])('%s is transient', (_name, error) => expect(isTransientSqlError(error)).toBe(true));

  it.each([
    ['a bad value', Object.assign(new Error('Incorrect date value'), { errno: 1292 })],
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['not an error', 'text'],
  ])('%s is not', (_name, error) => expect(isTransientSqlError(error)).toBe(false));
});
