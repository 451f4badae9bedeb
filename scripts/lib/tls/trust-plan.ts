/**
 * `npm run tls:trust [-- --remove]`: which commands put this checkout's CA into the
 * user's trust stores (or take it out), per platform. Pure: the facts about the machine
 * (platform, home, which tools and stores exist, whether we are root) come in, and the
 * plan says what to run and what to print for the user to run with privileges this
 * process lacks. Every step is a program and its arguments, never a shell string
 * (tls-trust.ts runs them through exec.ts); `display` is only for printing.
 *
 * - macOS: the login keychain with the user's trust setting, for TLS only (`security
 *   add-trusted-cert -p ssl`: not for code signing or mail; macOS asks for the user's
 *   password itself). Safari and Chrome read it; Firefox
 *   reads it too since version 120 (security.enterprise_roots.enabled).
 * - Windows: the current user's Root store (`certutil -user`; Windows asks to confirm).
 *   Edge and Chrome read it.
 * - Linux: every NSS store of the user (Chromium's ~/.pki/nssdb, each Firefox profile)
 *   with certutil from libnss3-tools, and the system store (curl, other tools), which
 *   needs root: printed with sudo unless we are root.
 */
import { join } from 'node:path';

export type TrustAction = 'add' | 'remove';

/** A program and its arguments, or a file copy/removal the command does itself. */
export type TrustStep =
  | { kind: 'run'; program: string; args: string[]; what: string }
  | { kind: 'copy'; from: string; to: string; what: string }
  | { kind: 'delete'; path: string; what: string };

export interface TrustFacts {
  platform: NodeJS.Platform;
  home: string;
  caFile: string;
  /** SHA-1 of the CA certificate, hex without colons: how `security` and `certutil` on Windows name it. */
  caSha1: string;
  /** The NSS nickname and system file name of this CA: unique per CA (its fingerprint's start). */
  nickname: string;
  /** Linux: certutil (libnss3-tools) is on PATH. */
  hasNssCertutil: boolean;
  /** Linux: the user's NSS databases found (Chromium's, Firefox profiles'), as directories. */
  nssDatabases: string[];
  /** Linux: how this distribution updates its system store, if one was recognised. */
  systemStore?: 'debian' | 'fedora' | 'arch';
  /** Running as root (then the system store is changed directly). */
  isRoot: boolean;
}

export interface TrustPlan {
  /** Run by the command. */
  steps: TrustStep[];
  /** For the user to run (privileges, a missing tool), each with why. */
  manual: Array<{ why: string; commands: string[] }>;
  /** Nothing to do on this platform, with why. */
  unsupported?: string;
}

export function planTrust(facts: TrustFacts, action: TrustAction): TrustPlan {
  switch (facts.platform) {
    case 'darwin':
      return { steps: macSteps(facts, action), manual: [] };
    case 'win32':
      return { steps: [windowsStep(facts, action)], manual: [] };
    case 'linux':
      return linuxPlan(facts, action);
    default:
      return { steps: [], manual: [], unsupported: `no trust store this command knows on ${facts.platform}: import ${facts.caFile} into your browser's certificate settings as a trusted authority` };
  }
}

function macSteps({ home, caFile, caSha1 }: TrustFacts, action: TrustAction): TrustStep[] {
  const keychain = join(home, 'Library', 'Keychains', 'login.keychain-db');
  if (action === 'add') {
    return [{ kind: 'run', program: 'security', args: ['add-trusted-cert', '-r', 'trustRoot', '-p', 'ssl', '-k', keychain, caFile], what: 'trust the CA in your login keychain (macOS asks for your password)' }];
  }
  return [
    { kind: 'run', program: 'security', args: ['remove-trusted-cert', caFile], what: 'remove your trust setting for the CA' },
    { kind: 'run', program: 'security', args: ['delete-certificate', '-Z', caSha1, keychain], what: 'delete the CA from your login keychain' },
  ];
}

function windowsStep({ caFile, caSha1 }: TrustFacts, action: TrustAction): TrustStep {
  // certutil.exe, the Windows one (not NSS's): -user is the current user's store, no administrator needed.
  return action === 'add'
    ? { kind: 'run', program: 'certutil', args: ['-user', '-addstore', 'Root', caFile], what: "add the CA to your user's Root store (Windows asks you to confirm)" }
    : { kind: 'run', program: 'certutil', args: ['-user', '-delstore', 'Root', caSha1], what: "remove the CA from your user's Root store" };
}

function linuxPlan(facts: TrustFacts, action: TrustAction): TrustPlan {
  const steps: TrustStep[] = [];
  const manual: TrustPlan['manual'] = [];
  if (facts.hasNssCertutil) {
    for (const dir of facts.nssDatabases) {
      const database = `sql:${dir}`;
      steps.push(
        action === 'add'
          ? { kind: 'run', program: 'certutil', args: ['-d', database, '-A', '-t', 'C,,', '-n', facts.nickname, '-i', facts.caFile], what: `trust the CA in ${dir}` }
          : { kind: 'run', program: 'certutil', args: ['-d', database, '-D', '-n', facts.nickname], what: `remove the CA from ${dir}` },
      );
    }
  } else {
    manual.push({ why: 'Chromium and Firefox read their own NSS stores, which need certutil (not installed)', commands: ['sudo apt-get install libnss3-tools   # Fedora: sudo dnf install nss-tools; Arch: sudo pacman -S nss', `npm run tls:trust${action === 'remove' ? ' -- --remove' : ''}`] });
  }
  const system = systemSteps(facts, action);
  if (system === undefined) {
    manual.push({ why: 'the system store of this distribution is not one this command knows (Debian, Fedora, Arch families)', commands: [`# add ${facts.caFile} to your distribution's CA store`] });
  } else if (facts.isRoot) {
    steps.push(...system);
  } else {
    manual.push({ why: 'the system store (curl, wget, other programs) needs root', commands: system.map((step) => `sudo ${display(step)}`) });
  }
  return { steps, manual };
}

function systemSteps({ systemStore, caFile, nickname }: TrustFacts, action: TrustAction): TrustStep[] | undefined {
  switch (systemStore) {
    case 'debian': {
      const target = `/usr/local/share/ca-certificates/${nickname}.crt`;
      const update = { kind: 'run', program: 'update-ca-certificates', args: action === 'add' ? [] : ['--fresh'], what: 'rebuild the system store' } as const;
      return [action === 'add' ? { kind: 'copy', from: caFile, to: target, what: 'place the CA in the system store' } : { kind: 'delete', path: target, what: 'take the CA out of the system store' }, update];
    }
    case 'fedora': {
      const target = `/etc/pki/ca-trust/source/anchors/${nickname}.crt`;
      return [action === 'add' ? { kind: 'copy', from: caFile, to: target, what: 'place the CA in the system store' } : { kind: 'delete', path: target, what: 'take the CA out of the system store' }, { kind: 'run', program: 'update-ca-trust', args: ['extract'], what: 'rebuild the system store' }];
    }
    case 'arch':
      return [action === 'add' ? { kind: 'run', program: 'trust', args: ['anchor', '--store', caFile], what: 'add the CA to the system store' } : { kind: 'run', program: 'trust', args: ['anchor', '--remove', caFile], what: 'remove the CA from the system store' }];
    default:
      return undefined;
  }
}

/** A step as a line to read or paste into a POSIX shell (quoted where needed). Never executed as a string. */
export function display(step: TrustStep): string {
  const words = step.kind === 'run' ? [step.program, ...step.args] : step.kind === 'copy' ? ['install', '-m', '644', step.from, step.to] : ['rm', '-f', step.path];
  return words.map(quote).join(' ');
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
