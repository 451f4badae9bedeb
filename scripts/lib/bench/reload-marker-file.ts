/**
 * The reload marker in catalog-api's source (services/catalog-api/reload-marker.ts),
 * which GET /api/info answers as X-Reload-Marker: set to a new value to make a change
 * to the service's code that a client can see go live, and put back afterwards.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../paths.ts';

export const reloadMarkerFile = join(paths.repoRoot, 'services', 'catalog-api', 'reload-marker.ts');
const DECLARATION = /export const RELOAD_MARKER = '([^']*)';/;

export interface MarkerEdit {
  /** Writes a new value into the source file. */
  set(value: string): void;
  /** Writes the file back exactly as it was found. */
  restore(): void;
}

export function editReloadMarker(file = reloadMarkerFile): MarkerEdit {
  const original = readFileSync(file, 'utf8');
  if (!DECLARATION.test(original)) throw new Error(`${file} does not declare RELOAD_MARKER as a quoted string: restore it (git checkout -- services/catalog-api/reload-marker.ts)`);
  return {
    set: (value) => writeFileSync(file, original.replace(DECLARATION, `export const RELOAD_MARKER = '${value.replace(/[^\w.-]/g, '')}';`)),
    restore: () => writeFileSync(file, original),
  };
}
