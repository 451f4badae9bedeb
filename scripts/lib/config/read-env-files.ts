/**
 * Several env files read in order, as `docker compose --env-file a --env-file b`
 * reads them, so the orchestrator and the containers see one value per variable.
 * A `$NAME` in a value means, in Compose 2.26 (compose-go v2.0.2, what CI runs)
 * up to 2.38: the process environment first, then earlier files, then earlier
 * lines of the same file. compose-go v2.8.0 (compose-spec/compose-go@8da9902, in
 * Compose 2.39) puts the same file's earlier lines before earlier files. So a name
 * that an earlier file and an earlier line set differently is refused, as is a
 * name that is not set at all (Compose would replace it with nothing, with a
 * warning: how a password with a `$` gets cut short).
 */
import { parseEnvFile, type EnvEntry, type EnvParseError } from './env-file.ts';
import { substitute } from './env-template.ts';

export interface EnvSource {
  /** As errors name it: ".env", "compose/versions.env". */
  file: string;
  text: string;
}

export interface EnvValue {
  key: string;
  value: string;
  file: string;
  line: number;
}

interface Setting {
  value: string;
  where: string;
}

export function readEnvFiles(sources: EnvSource[], env: NodeJS.ProcessEnv): { entries: EnvValue[]; errors: EnvParseError[] } {
  const entries: EnvValue[] = [];
  const errors: EnvParseError[] = [];
  const earlierFiles = new Map<string, Setting>();
  for (const source of sources) {
    const parsed = parseEnvFile(source.text, source.file);
    const fileErrors = [...parsed.errors];
    const thisFile = new Map<string, Setting>();
    for (const entry of parsed.entries) {
      const resolved = entry.interpolate ? interpolate(entry, env, earlierFiles, thisFile) : { value: entry.text };
      if ('message' in resolved) {
        fileErrors.push(resolved);
        continue;
      }
      thisFile.set(entry.key, { value: resolved.value, where: `${entry.file}:${entry.line}` });
      entries.push({ key: entry.key, value: resolved.value, file: entry.file, line: entry.line });
    }
    errors.push(...fileErrors.sort((a, b) => a.line - b.line));
    for (const [key, setting] of thisFile) earlierFiles.set(key, setting);
  }
  return { entries, errors };
}

function interpolate(
  entry: EnvEntry,
  env: NodeJS.ProcessEnv,
  earlierFiles: Map<string, Setting>,
  thisFile: Map<string, Setting>,
): { value: string } | EnvParseError {
  const at = `${entry.file}:${entry.line}`;
  const fail = (problem: string, fix: string): EnvParseError => ({
    file: entry.file,
    line: entry.line,
    message: `the value of ${entry.key}: ${problem}`,
    fix: `edit ${at}: ${fix}`,
  });
  const result = substitute(entry.text, (name) => env[name] ?? earlierFiles.get(name)?.value ?? thisFile.get(name)?.value);
  if (!result.ok) return fail(result.problem, result.fix);
  const [unset] = result.unset;
  if (unset) {
    return fail(
      `$${unset} is not set, so Compose would replace it with nothing`,
      `for a literal $ write $$ (or put the value in single quotes); to refer to ${unset}, set it on an earlier line`,
    );
  }
  for (const name of new Set(result.references)) {
    const before = earlierFiles.get(name);
    const here = thisFile.get(name);
    if (env[name] === undefined && before && here && before.value !== here.value) {
      return fail(
        `$${name} is set by ${before.where} and by ${here.where}; Compose up to 2.38 reads the first, 2.39 and later the second`,
        `write the value you mean instead of $${name}`,
      );
    }
  }
  return { value: result.value };
}
