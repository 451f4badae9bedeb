/**
 * The validated configuration the commands share. Commands other than `up`/`doctor`
 * never create .env: they tell the user to.
 */
import { existsSync } from 'node:fs';
import { UserError } from '../errors.ts';
import { paths } from '../paths.ts';
import { loadConfig, type Config } from './load-config.ts';
import { validateConfig } from './validate-config.ts';

export function requireConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (!existsSync(paths.envFile)) throw new UserError('.env does not exist yet', 'run `npm run up` (or `npm run doctor`), which creates it from compose/.env.example');
  const { config, errors } = loadConfig({ env });
  const [first] = errors;
  if (first) throw new UserError(`${first.file}:${first.line}: ${first.message}`, first.fix);
  const [issue] = validateConfig(config);
  if (issue) throw new UserError(issue.message, issue.fix);
  return config;
}
