/**
 * Which profile a plain `npm run up` starts. `--profile <name>` chooses one and it is kept
 * (per Compose project, in .cache/profile/<project>) until another `--profile` replaces
 * it: `up` is also how a change is applied (a rebuild, an edit of .env) and `npm run dev`
 * runs it, so the next `up` after `--profile core` on a small laptop must not start
 * Kafka, Connect and Elasticsearch behind the user's back. Every `up` says which
 * profile it starts and where that came from; `down` and `reset` keep the choice (it is
 * a setting of the checkout, like .env); `npm run up -- --profile full` returns to the
 * whole stack. `status`, `smoke`, `logs` and the doctor read the same record.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { UsageError } from '../errors.ts';
import { paths } from '../paths.ts';
import { DEFAULT_PROFILE, isProfileName, PROFILE_NAMES, unknownProfileMessage, type ProfileName } from './profiles-config.ts';

export interface ProfileRecord {
  /** The profile last chosen for this project, as written (undefined when none was). */
  read(project: string): string | undefined;
  write(project: string, profile: ProfileName): Promise<void>;
}

export function fileProfileRecord(dir: string = paths.profilesDir): ProfileRecord {
  // A project name is [a-z0-9_-] for Compose: safe as a file name.
  const file = (project: string) => join(dir, project);
  return {
    read(project) {
      try {
        return readFileSync(file(project), 'utf8').trim() || undefined;
      } catch {
        return undefined;
      }
    },
    async write(project, profile) {
      mkdirSync(dir, { recursive: true });
      await writeFileAtomic(file(project), Buffer.from(`${profile}\n`), 0o644);
    },
  };
}

export interface ChosenProfile {
  name: ProfileName;
  /** Where the choice came from, for the line `up` prints. */
  source: 'option' | 'kept' | 'default';
  /** Set when the record names no profile (a file edited by hand, a profile since renamed). */
  ignoredRecord?: string;
}

/** `--profile` wins (an unknown name is a usage error listing the names), then the kept choice, then `full`. */
export function chooseProfile(option: string | undefined, recorded: string | undefined): ChosenProfile {
  if (option !== undefined) {
    const name = option.trim();
    if (!isProfileName(name)) throw new UsageError(unknownProfileMessage(name), `npm run up -- --profile <${PROFILE_NAMES.join('|')}>`);
    return { name, source: 'option' };
  }
  if (recorded === undefined) return { name: DEFAULT_PROFILE, source: 'default' };
  if (isProfileName(recorded)) return { name: recorded, source: 'kept' };
  return { name: DEFAULT_PROFILE, source: 'default', ignoredRecord: recorded };
}

/** The kept choice of `project`, or `full`: what every command but `up -- --profile` goes by. */
export function recordedProfile(project: string, record: Pick<ProfileRecord, 'read'> = fileProfileRecord()): ProfileName {
  return chooseProfile(undefined, record.read(project)).name;
}

/** The line `up` prints before it starts anything. */
export function profileLine(chosen: ChosenProfile): string {
  const how = {
    option: 'chosen with --profile; kept for the next `npm run up`',
    kept: 'kept from an earlier `npm run up -- --profile`',
    default: 'the default',
  }[chosen.source];
  const back = chosen.name === DEFAULT_PROFILE ? '' : '; `npm run up -- --profile full` starts the whole stack';
  const ignored = chosen.ignoredRecord === undefined ? '' : ` (the kept choice "${chosen.ignoredRecord}" is no profile: ignored)`;
  return `profile ${chosen.name} (${how}${back})${ignored}`;
}
