import { describe, expect, it } from 'vitest';
import { buildDeadLetter } from '../../../../../services/kit/kafka/dead-letter.ts';

describe('buildDeadLetter', () => {
  it('keeps the original key and value and puts the error and origin in headers', () => {
    const message = { topic: 'cdc.booking.hotels', partition: 2, offset: '17', key: Buffer.from('k'), value: Buffer.from('v') };
    const letter = buildDeadLetter(message, 'decode', 'value is not JSON', new Date('2026-01-01T00:00:00Z'));
    expect(letter).toEqual({
      key: message.key,
      value: message.value,
      headers: {
        'dlq.error.stage': 'decode',
        'dlq.error.message': 'value is not JSON',
        'dlq.source.topic': 'cdc.booking.hotels',
        'dlq.source.partition': '2',
        'dlq.source.offset': '17',
        'dlq.failed.at': '2026-01-01T00:00:00.000Z',
      },
    });
  });

  it('bounds a huge error message', () => {
    const message = { topic: 't', partition: 0, offset: '0', key: null, value: null };
    expect(buildDeadLetter(message, 'index', 'x'.repeat(5000), new Date()).headers['dlq.error.message']!.length).toBe(2001);
  });
});

describe('buildDeadLetter with the record\'s own headers', () => {
  it('keeps them (a saga message\'s id and type) beside the dlq headers', () => {
    const message = { topic: 'saga.mysql.payment.commands', partition: 1, offset: '3', key: Buffer.from('b1'), value: Buffer.from('{}'), headers: { id: 'm1', type: 'VoidPayment' } };
    expect(buildDeadLetter(message, 'handle', 'broken', new Date()).headers).toMatchObject({ id: 'm1', type: 'VoidPayment', 'dlq.error.stage': 'handle' });
  });
});
