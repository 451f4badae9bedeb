/** Tiny flag parser: `--name`, `--name value`, `-f`; the rest are positionals. Unknown flags are errors. */
import { UserError } from './errors.ts';

export interface ParsedArgs {
  flags: Record<string, string | true>;
  positionals: string[];
}

export function parseArgs(args: string[], spec: { boolean?: string[]; string?: string[]; aliases?: Record<string, string> }, usage: string): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const [rawName, inline] = arg.replace(/^--?/, '').split('=', 2) as [string, string | undefined];
    const name = spec.aliases?.[rawName] ?? rawName;
    if (spec.boolean?.includes(name)) flags[name] = true;
    else if (spec.string?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UserError(`${arg} needs a value`, usage);
      flags[name] = value;
    } else throw new UserError(`unknown option ${arg}`, usage);
  }
  return { flags, positionals };
}
