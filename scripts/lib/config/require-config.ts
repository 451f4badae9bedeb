/**
 * The validated configuration the commands share, with its typed StackConfig built
 * once here and handed down (never rebuilt from the values further in). Commands
 * other than `up`/`doctor` never create .env: they tell the user to.
 */
import { existsSync } from 'node:fs';
import { UserError } from '../errors.ts';
import { paths } from '../paths.ts';
import { loadConfig, type Config } from './load-config.ts';
import { recordedProfile } from './profile-record.ts';
import { composeProjectOf, stackConfigOf, type StackConfig } from './stack-config.ts';
import { validateConfig } from './validate-config.ts';

export interface ConfiguredStack {
  config: Config;
  stack: StackConfig;
}

export function requireConfig(env: NodeJS.ProcessEnv = process.env): ConfiguredStack {
  if (!existsSync(paths.envFile)) throw new UserError('.env does not exist yet', 'run `npm run up` (or `npm run doctor`), which creates it from compose/.env.example');
  const { config, errors } = loadConfig({ env });
  const [first] = errors;
  if (first) throw new UserError(`${first.file}:${first.line}: ${first.message}`, first.fix);
  const [issue] = validateConfig(config);
  if (issue) throw new UserError(issue.message, issue.fix);
  // The profile the project was last started with (profile-record.ts): `status`, `logs` and
  // the rest see the services it runs, and those it leaves out as off.
  return { config, stack: stackConfigOf(config.values, recordedProfile(composeProjectOf(config.values))) };
}
