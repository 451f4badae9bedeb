import { describe, expect, it } from 'vitest';
import { decideReset } from '../../../scripts/commands/reset.ts';
import { formatUserError, UserError } from '../../../scripts/lib/errors.ts';
import { WaitTimeoutError } from '../../../scripts/lib/wait/poll.ts';

describe('reset', () => {
  it('asks on a TTY, refuses without one, and --yes skips the question', () => {
    expect(decideReset(false, true)).toBe('ask');
    expect(decideReset(false, false)).toBe('refuse');
    expect(decideReset(true, false)).toBe('proceed');
  });
});

describe('UserError', () => {
  it('is shown as what happened, then the one fix', () => {
    expect(formatUserError(new UserError('.env:3: expected KEY=value', 'edit .env:3'))).toBe('\n✖ .env:3: expected KEY=value\n  fix: edit .env:3');
  });

  it('keeps the error it wraps, and a subclass keeps its own name', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:8083');
    expect(new UserError('Kafka Connect is not reachable', 'npm run up', { cause }).cause).toBe(cause);
    const timeout = new WaitTimeoutError('connector booking-mysql RUNNING', 2_000, 'task 0 FAILED', 'npm run logs connect');
    expect(timeout).toBeInstanceOf(UserError);
    expect(timeout.name).toBe('WaitTimeoutError');
    expect(formatUserError(timeout)).toBe('\n✖ connector booking-mysql RUNNING: not ready after 2.0 s; last error: task 0 FAILED\n  fix: npm run logs connect');
  });
});
