import { describe, expect, it } from 'vitest';
import type { DeadLetter } from '../../../../../services/kit/kafka/dead-letter.ts';
import { sendDeadLetters } from '../../../../../services/kit/kafka/send-dead-letters.ts';
import { createLogger } from '../../../../../services/kit/logger.ts';

const letter = (n: number): DeadLetter => ({ key: Buffer.from(String(n)), value: Buffer.from('x'.repeat(100)), headers: { 'dlq.error.stage': 'decode' } });
const quiet = createLogger({}, { write: () => {} });

describe('sendDeadLetters', () => {
  it('retries a failing producer, says so, and never sends a batch the broker took again', async () => {
    const sent: string[][] = [];
    const states: string[] = [];
    let failures = 1;
    const done = await sendDeadLetters([letter(1), letter(2), letter(3)], {
      // Room for two letters per batch: the second batch fails once.
      maxBytes: () => 61 + 2 * 200,
      send: async (letters) => {
        if (sent.length === 1 && failures-- > 0) throw new Error('broker away');
        sent.push(letters.map((l) => String(l.key)));
      },
      onState: (state) => states.push(state),
      retry: { shouldContinue: () => true, sleep: async () => {} },
      log: quiet,
    });
    expect(done).toBe(true);
    expect(sent).toEqual([['1', '2'], ['3']]);
    expect(states).toEqual(['retrying', 'ok']);
  });

  it('gives up without reporting success when the consumer stops while the producer fails', async () => {
    let allowed = 2;
    const states: string[] = [];
    const done = await sendDeadLetters([letter(1)], {
      send: () => Promise.reject(new Error('broker away')),
      onState: (state) => states.push(state),
      retry: { shouldContinue: () => allowed-- > 0, sleep: async () => {} },
      log: quiet,
    });
    expect(done).toBe(false);
    expect(states).toEqual(['retrying', 'retrying']);
  });
});
