import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseProfile, fileProfileRecord, profileLine, recordedProfile } from '../../../scripts/lib/config/profile-record.ts';
import { UsageError } from '../../../scripts/lib/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'profile-record-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('choosing the profile', () => {
  it('--profile wins over the kept choice', () => {
    expect(chooseProfile('core', 'booking')).toEqual({ name: 'core', source: 'option' });
  });

  it('a plain up keeps the last choice, and starts full when there is none', () => {
    expect(chooseProfile(undefined, 'core')).toEqual({ name: 'core', source: 'kept' });
    expect(chooseProfile(undefined, undefined)).toEqual({ name: 'full', source: 'default' });
  });

  it('refuses an unknown --profile with a usage error that lists every profile', () => {
    const error = (() => {
      try {
        chooseProfile('tiny', undefined);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/no profile "tiny".*full \(.*core \(.*search \(.*booking \(.*images \(/);
    expect((error as UsageError).fix).toContain('--profile <full|core|search|booking|images|catalog>');
  });

  it('ignores a kept choice that is no profile, and says so', () => {
    const chosen = chooseProfile(undefined, 'gone');
    expect(chosen).toEqual({ name: 'full', source: 'default', ignoredRecord: 'gone' });
    expect(profileLine(chosen)).toContain('"gone" is no profile');
  });

  it('says where the profile came from and how to get the whole stack back', () => {
    expect(profileLine({ name: 'core', source: 'option' })).toBe('profile core (chosen with --profile; kept for the next `npm run up`; `npm run up -- --profile full` starts the whole stack)');
    expect(profileLine({ name: 'core', source: 'kept' })).toContain('kept from an earlier `npm run up -- --profile`');
    expect(profileLine({ name: 'full', source: 'default' })).toBe('profile full (the default)');
  });
});

describe('the kept choice on disk', () => {
  it('is kept per Compose project', async () => {
    const record = fileProfileRecord(join(dir, 'profile'));
    expect(record.read('booking')).toBeUndefined();
    await record.write('booking', 'core');
    await record.write('other', 'booking');
    expect(record.read('booking')).toBe('core');
    expect(recordedProfile('booking', record)).toBe('core');
    expect(recordedProfile('other', record)).toBe('booking');
    expect(recordedProfile('third', record)).toBe('full');
    await record.write('booking', 'full');
    expect(recordedProfile('booking', record)).toBe('full');
  });
});
