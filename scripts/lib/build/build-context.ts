/**
 * Which files a locally built image is made from: its build context as the
 * Dockerfile's allow-list `.dockerignore` admits it (compose/<name>.Dockerfile.dockerignore).
 * Pure: the rules are parsed from the file's text and applied to relative paths.
 *
 * Only the shapes those files use are understood: `*` (ignore everything), then
 * `!path` or `!dir/` (admit it), then exclusions with `*` and `**` (`services/dist/`,
 * `services/**\/*.test.ts`). Docker lets the last matching line win; here admissions
 * must all come before the exclusions, so "exclusions win" is the same rule. Anything
 * else is an error, so a new kind of line cannot silently leave a file out of the
 * fingerprint and keep a stale image.
 */
export interface ContextRules {
  /** Admitted roots: a file, or a directory when it ends in `/`. */
  include: string[];
  exclude: RegExp[];
}

export function parseDockerignore(text: string, file = '.dockerignore'): ContextRules {
  const rules: ContextRules = { include: [], exclude: [] };
  let ignoresAll = false;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === '*') {
      ignoresAll = true;
    } else if (line.startsWith('!') && !/[*?[\]]/.test(line)) {
      if (rules.exclude.length > 0) throw new Error(`${file}:${index + 1}: "${line}" admits a path after an exclusion; the image fingerprint needs every "!" line before the exclusions (build-context.ts)`);
      rules.include.push(line.slice(1));
    } else if (!line.startsWith('!') && /^[\w./*-]+$/.test(line)) {
      rules.exclude.push(patternToRegExp(line));
    } else {
      throw new Error(`${file}:${index + 1}: "${line}" is a pattern the image fingerprint does not understand (build-context.ts)`);
    }
  }
  if (!ignoresAll) throw new Error(`${file} must start from "*" (an allow-list): the image fingerprint reads only admitted paths`);
  return rules;
}

/** `dir/` matches the directory and everything below it; `*` stays within a path segment, `**` crosses them. */
function patternToRegExp(pattern: string): RegExp {
  const directory = pattern.endsWith('/');
  const body = pattern
    .replace(/\/$/, '')
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}${directory ? '(?:/.*)?' : ''}$`);
}

export function isExcluded(path: string, rules: ContextRules): boolean {
  return rules.exclude.some((pattern) => pattern.test(path));
}

export function isInContext(path: string, rules: ContextRules): boolean {
  // `!services` admits the directory as `!services/` does.
  const admitted = rules.include.some((root) => path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`));
  return admitted && !isExcluded(path, rules);
}
