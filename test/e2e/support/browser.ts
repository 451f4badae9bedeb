/**
 * Debian's Chromium driven by playwright-core: these machines cannot download a
 * browser (`npx playwright install` fails), so the test uses the distribution's
 * package, installed by ci/host/install-chromium.sh. Missing: skipped on a laptop,
 * a failure under any truthy CI. Every page records its errors and console errors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { isCi } from '../../../scripts/lib/ci.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined. Throws under CI. */
export function chromiumMissing(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${CHROMIUM_PATH} is not installed (apt-get install -y chromium, or bash ci/host/install-chromium.sh)`;
  if (isCi(env)) throw new Error(`${reason}; CI=${env.CI}: a missing browser fails the run`);
  return reason;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(env?: NodeJS.ProcessEnv): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...(env ? { env } : {}) });
}

/** Why certutil (Debian's libnss3-tools) cannot run here, or undefined. Throws under CI. */
export function certutilMissing(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    execFileSync('certutil', ['-H'], { stdio: 'ignore' });
    return undefined;
  } catch (error) {
    // certutil -H prints its help and exits 1: only "not found" means it is missing.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    const reason = 'certutil is not installed (apt-get install -y libnss3-tools, or bash ci/host/install-chromium.sh)';
    if (isCi(env)) throw new Error(`${reason}; under CI a missing tool fails the run`);
    return reason;
  }
}

export const NSS_NICKNAME = 'booking-devstack';

/**
 * A HOME of the test's own whose NSS store (where Chromium on Linux reads the user's
 * trusted roots, $HOME/.pki/nssdb) trusts the CA file for TLS servers. `remove()` deletes it.
 */
export function nssProfileTrusting(caFile: string): { home: string; nssdb: string; remove(): void } {
  const home = mkdtempSync(join(tmpdir(), 'chromium-nss-'));
  const nssdb = `sql:${join(home, '.pki', 'nssdb')}`;
  mkdirSync(join(home, '.pki', 'nssdb'), { recursive: true });
  execFileSync('certutil', ['-d', nssdb, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', nssdb, '-A', '-t', 'C,,', '-n', NSS_NICKNAME, '-i', caFile]);
  return { home, nssdb, remove: () => rmSync(home, { recursive: true, force: true }) };
}

export interface PageProblem {
  kind: 'pageerror' | 'console';
  text: string;
  url?: string;
}

/** A page whose uncaught errors and console errors are collected; `allow` names the expected ones. */
export async function watchedPage(context: BrowserContext, allow: (message: ConsoleMessage) => boolean = () => false) {
  const page = await context.newPage();
  const problems: PageProblem[] = [];
  page.on('pageerror', (error) => problems.push({ kind: 'pageerror', text: error.message }));
  page.on('console', (message) => {
    if (message.type() === 'error' && !allow(message)) problems.push({ kind: 'console', text: message.text(), url: message.location().url });
  });
  return { page, problems };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/** axe-core run inside the page; the violations a person would be blocked by (serious, critical). */
export async function seriousA11yViolations(page: Page): Promise<Array<{ id: string; impact: string | null; help: string; targets: string[] }>> {
  // Evaluated by the browser's debugger, not added as an inline <script>: the page's
  // Content-Security-Policy (script-src 'self') refuses inline scripts, as it should.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe.run();
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
}
