/** What tls:trust needs to know about this machine (trust-plan.ts plans from it). */
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isNotFound, type Exec } from '../exec.ts';
import type { TrustFacts } from './trust-plan.ts';

export async function gatherTrustFacts(caFile: string, caPem: string, exec: Exec): Promise<TrustFacts> {
  const certificate = new X509Certificate(caPem);
  const home = homedir();
  const linux = process.platform === 'linux';
  const hasNssCertutil = linux && !isNotFound(await exec('certutil', ['-H'], { timeoutMs: 5_000 }));
  return {
    platform: process.platform,
    home,
    caFile,
    caSha1: certificate.fingerprint.replaceAll(':', ''),
    nickname: `booking-devstack-${certificate.fingerprint256.replaceAll(':', '').slice(0, 12).toLowerCase()}`,
    hasNssCertutil,
    nssDatabases: linux ? nssDatabases(home) : [],
    ...(linux ? systemStoreOf() : {}),
    isRoot: process.getuid?.() === 0,
  };
}

/**
 * Chromium's store (~/.pki/nssdb, used once it exists; Chromium creates it on first start)
 * and each Firefox profile's, the snap's included.
 */
function nssDatabases(home: string): string[] {
  const found = [join(home, '.pki', 'nssdb')].filter((dir) => existsSync(join(dir, 'cert9.db')));
  for (const profiles of [join(home, '.mozilla', 'firefox'), join(home, 'snap', 'firefox', 'common', '.mozilla', 'firefox')]) {
    if (!existsSync(profiles)) continue;
    for (const entry of readdirSync(profiles, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(profiles, entry.name, 'cert9.db'))) found.push(join(profiles, entry.name));
    }
  }
  return found;
}

function systemStoreOf(): Pick<TrustFacts, 'systemStore'> {
  if (existsSync('/usr/sbin/update-ca-certificates')) return { systemStore: 'debian' };
  if (existsSync('/usr/bin/update-ca-trust')) return { systemStore: 'fedora' };
  if (existsSync('/usr/bin/trust')) return { systemStore: 'arch' };
  return {};
}
