/**
 * The console's page is built by Vite from web/console and the shared UI kit in
 * web/src (web/vite.console.config.ts). `npm run console` builds it when the build is
 * missing or older than any of its sources, so a pull or an edit never serves a stale
 * page, and an unchanged checkout starts at once.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../paths.ts';

export const CONSOLE_PAGE_SOURCES = [join(paths.repoRoot, 'web', 'console'), join(paths.repoRoot, 'web', 'src'), join(paths.repoRoot, 'web', 'vite.console.config.ts')];
export const CONSOLE_PAGE_CONFIG = join(paths.repoRoot, 'web', 'vite.console.config.ts');

export function needsBuild(builtAt: number | undefined, newestSource: number): boolean {
  return builtAt === undefined || newestSource > builtAt;
}

export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export async function ensureConsolePage(buildDir: string, onBuild: () => void): Promise<void> {
  const index = join(buildDir, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : undefined;
  if (!needsBuild(builtAt, Math.max(...CONSOLE_PAGE_SOURCES.map(newestMtime)))) return;
  onBuild();
  const { build } = await import('vite');
  await build({ configFile: CONSOLE_PAGE_CONFIG, logLevel: 'warn' });
}
