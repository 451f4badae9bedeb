import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../services/kit/logger.ts';

describe('createLogger', () => {
  it('writes one JSON line with base fields, skipping levels below the threshold', () => {
    const lines: string[] = [];
    const log = createLogger({ service: 's' }, { level: 'info', write: (l) => lines.push(l), now: () => new Date(0) });
    log.debug('hidden');
    log.child({ requestId: 'r' }).warn('hello', { error: new Error('boom') });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: '1970-01-01T00:00:00.000Z', level: 'warn', service: 's', requestId: 'r', msg: 'hello', error: 'Error: boom' },
    ]);
  });
});
