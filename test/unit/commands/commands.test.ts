import { describe, expect, it } from 'vitest';
import { composeProjectName } from '../../../scripts/lib/compose/configured-compose.ts';
import { decideReset, reset, type ResetDeps } from '../../../scripts/commands/reset.ts';
import { Cancelled, formatUserError, UserError } from '../../../scripts/lib/errors.ts';
import { WaitTimeoutError } from '../../../scripts/lib/wait/poll.ts';

describe('reset', () => {
  it('asks on a TTY, refuses without one, and --yes skips the question', () => {
    expect(decideReset(false, true)).toBe('ask');
    expect(decideReset(false, false)).toBe('refuse');
    expect(decideReset(true, false)).toBe('proceed');
  });

  function fakeReset(stdinIsTty: boolean, answer: boolean) {
    const calls: string[] = [];
    const deps: ResetDeps = {
      stdinIsTty,
      confirm: async (question) => (calls.push(`ask ${question}`), answer),
      compose: () => ({ config: async () => ({ name: 'bk-two', services: {} }), down: async (options) => void calls.push(`down volumes=${String(options?.volumes)}`) }),
      out: { line: (text = '') => void calls.push(`line ${text}`) },
    };
    return { deps, calls };
  }

  it('a "no" deletes nothing and fails through the one channel: a Cancelled error (exit 1), not a return code', async () => {
    const { deps, calls } = fakeReset(true, false);
    const error = await reset(false, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Cancelled);
    expect((error as Cancelled).exitCode).toBe(1);
    expect(formatUserError(error as Cancelled)).toBe('\n✖ reset cancelled: nothing of "bk-two" deleted\n  fix: answer y to delete the data volumes, or run `npm run reset -- --yes`');
    // Several stacks can run on one machine: the question names the one that loses its data.
    expect(calls).toEqual(['ask Delete all data volumes of the Compose project "bk-two" (MySQL, Kafka, Elasticsearch)?']);
  });

  it('without a terminal it refuses unless --yes, and --yes wipes the volumes without asking', async () => {
    const refused = fakeReset(false, true);
    await expect(reset(false, refused.deps)).rejects.toThrow('there is no terminal to confirm it');
    expect(refused.calls).toEqual([]);
    const yes = fakeReset(false, false);
    await reset(true, yes.deps);
    expect(yes.calls).toEqual(['down volumes=true', 'line Compose project "bk-two" removed and its data volumes wiped; `npm run up` starts fresh']);
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

describe('composeProjectName (down and reset name the stack they removed)', () => {
  it('quotes the name Compose resolves, and says when Compose cannot tell', async () => {
    expect(await composeProjectName({ config: async () => ({ name: 'bk-two', services: {} }) })).toBe('"bk-two"');
    expect(await composeProjectName({ config: async () => Promise.reject(new Error('no docker')) })).toBe('(name unknown: `docker compose config` failed)');
  });
});
