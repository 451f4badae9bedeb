/**
 * `bench:up`'s A/B mode: two values of one setting (`--a NAME=VALUE --b NAME=VALUE`),
 * or two profiles (`--a profile=full --b profile=catalog`: what a part of the stack adds
 * to its start), timed round by round in one run on the same machine, so the load of
 * the moment falls on both. A setting reaches the child `npm run` processes through their
 * environment, which the config loader puts above `.env` (load-config.ts), as Compose
 * does; a profile is given to each `up` as `--profile`.
 * Pure: what the command line says, whether the config would take it, and the environment
 * of each side; the command reads the files.
 */
import { UsageError, UserError } from '../errors.ts';
import type { ConfigIssue } from '../config/validate-config.ts';
import { isProfileName, PROFILE_NAMES } from '../config/profiles-config.ts';

export type VariantLabel = 'A' | 'B';

/** A setting of .env, or (name `profile`) the profile every `up` of the side starts. */
export interface Variant {
  label: VariantLabel;
  name: string;
  value: string;
}

/** The name that makes a side a profile rather than a variable: lower case, as no .env variable is. */
export const PROFILE_SIDE = 'profile';

/** `NAME=VALUE` as given to --a or --b; the value may be empty and may hold `=`. */
export function parseAssignment(text: string, label: VariantLabel, usage: string): Variant {
  const match = /^([A-Z][A-Z0-9_]*|profile)=(.*)$/s.exec(text);
  if (!match) throw new UsageError(`--${label.toLowerCase()} takes NAME=VALUE with a variable of .env (e.g. ELASTICSEARCH_LEAN=on), or profile=<name>, got "${text}"`, usage);
  return { label, name: match[1]!, value: match[2]! };
}

/** Both sides or neither: one side alone has nothing to be compared with. */
export function parseVariants(a: string | undefined, b: string | undefined, usage: string): Variant[] {
  if (a === undefined && b === undefined) return [];
  if (a === undefined || b === undefined) throw new UsageError(`--a and --b go together: ${a === undefined ? '--b' : '--a'} alone compares nothing`, usage);
  const variants = [parseAssignment(a, 'A', usage), parseAssignment(b, 'B', usage)];
  // One setting, two values: a pair that set two things would time the one each side
  // leaves to .env (or to the profile the other side's up kept) along with it.
  if (variants[0]!.name !== variants[1]!.name) {
    throw new UsageError(`--a and --b set different things (${variants[0]!.name} and ${variants[1]!.name}): an A/B pair compares two values of one setting`, usage);
  }
  if (variants[0]!.value === variants[1]!.value) {
    throw new UsageError(`--a and --b are the same (${a}): the two sides must differ`, usage);
  }
  return variants;
}

/**
 * Refuses, before anything is wiped, a name compose/.env.example does not document (a
 * typo would time the same stack twice) and a value the config validator rejects
 * (`up` would refuse it in the first round). `issuesWith` validates the config with the
 * variable set as the child will see it, and gives that variable's issues.
 */
export function checkVariant(variant: Variant, documented: ReadonlySet<string>, issuesWith: (name: string, value: string) => ConfigIssue[]): void {
  const { label, name, value } = variant;
  if (name === PROFILE_SIDE) {
    if (!isProfileName(value)) throw new UserError(`--${label.toLowerCase()} profile=${value}: there is no profile ${value}`, `use one of ${PROFILE_NAMES.join(', ')} (npm run up -- --help describes them)`);
    return;
  }
  if (!documented.has(name)) {
    const near = [...documented].filter((known) => known.includes(name) || name.includes(known) || sharesWord(known, name)).slice(0, 3);
    throw new UserError(
      `--${label.toLowerCase()} ${name}=${value}: ${name} is not a variable of compose/.env.example, so the stack would not read it`,
      near.length > 0 ? `use one of the variables compose/.env.example documents, e.g. ${near.join(', ')}` : 'use a variable that compose/.env.example documents (see its comments for the values)',
    );
  }
  const [issue] = issuesWith(name, value);
  if (issue) throw new UserError(`--${label.toLowerCase()} ${name}=${value} is refused by the config: ${issue.message}`, `give --${label.toLowerCase()} a value the config takes: ${issue.fix}`);
}

function sharesWord(a: string, b: string): boolean {
  const words = new Set(a.split('_').filter((word) => word.length > 3));
  return b.split('_').some((word) => words.has(word));
}

/** The environment of one side's child processes: the setting above `.env`. */
export function variantEnvironment(base: NodeJS.ProcessEnv, variant: Variant | undefined): NodeJS.ProcessEnv {
  return variant && variant.name !== PROFILE_SIDE ? { ...base, [variant.name]: variant.value } : { ...base };
}

/** The arguments of one side's `npm run up`: its profile, if the side is one. */
export function variantUpArguments(variant: Variant | undefined): string[] {
  return variant?.name === PROFILE_SIDE ? ['--profile', variant.value] : [];
}

/** "ELASTICSEARCH_LEAN=on" for headings. */
export function variantText(variant: Variant): string {
  return `${variant.name}=${variant.value}`;
}
