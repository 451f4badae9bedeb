/**
 * Version strings as the tools print them: `v20.11.1` (node), `28.2.2` or
 * `20.10.24+dfsg1` (docker, Debian), `2.26.1-4` or `v2.29.7-desktop.1` (compose),
 * `1.29.2` (compose v1). Only major.minor.patch matter for the checks.
 */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  raw: string;
}

export function parseVersion(text: string): Version | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0), raw: text.trim() };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function atLeast(text: string, minimum: string): boolean {
  const version = parseVersion(text);
  const floor = parseVersion(minimum);
  return !!version && !!floor && compareVersions(version, floor) >= 0;
}
