/**
 * Every field path a resource sets, as "a.b[].c", stopping at the paths the caller names
 * as free-form (a settings map, an embedded Kubernetes object checked on its own).
 */
export function fieldPaths(value: unknown, stopAt: string[] = [], prefix = ''): string[] {
  if (prefix && stopAt.includes(prefix)) return [prefix];
  if (Array.isArray(value)) return value.flatMap((item) => fieldPaths(item, stopAt, `${prefix}[]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => fieldPaths(item, stopAt, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}
