/**
 * Reads service configuration from environment variables and reports every
 * problem at once, so a misconfigured container says everything wrong in one log
 * line instead of failing on the first variable and again on the next restart.
 */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `invalid configuration: ${problems.join('; ')}. ` +
        'Fix: set these variables in compose/compose.yaml (or .env) and recreate the container.',
    );
    this.name = 'ConfigError';
  }
}

export interface EnvReader {
  string(name: string, fallback?: string): string;
  int(name: string, fallback: number | undefined, range: { min: number; max: number }): number;
  list(name: string, fallback?: string): string[];
  /** A string that must match `pattern`; `shape` says what it should look like. */
  matching(name: string, fallback: string | undefined, pattern: RegExp, shape: string): string;
  /** Throws one ConfigError naming every problem seen so far. */
  done(): void;
}

export function envReader(env: Env): EnvReader {
  const problems: string[] = [];

  const raw = (name: string, fallback?: string): string | undefined => {
    const value = env[name]?.trim();
    if (value) return value;
    if (fallback === undefined) problems.push(`${name} is required`);
    return fallback;
  };

  return {
    string: (name, fallback) => raw(name, fallback) ?? '',
    int(name, fallback, { min, max }) {
      const value = raw(name, fallback === undefined ? undefined : String(fallback));
      if (value === undefined) return 0;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
      }
      return parsed;
    },
    matching(name, fallback, pattern, shape) {
      const value = raw(name, fallback) ?? '';
      if (value !== '' && !pattern.test(value)) problems.push(`${name} must be ${shape} (got "${value}")`);
      return value;
    },
    list: (name, fallback) =>
      (raw(name, fallback) ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    done() {
      if (problems.length > 0) throw new ConfigError(problems);
    },
  };
}
