import { describe, expect, it } from 'vitest';
import { display, planTrust, type TrustFacts } from '../../../scripts/lib/tls/trust-plan.ts';

const base: TrustFacts = {
  platform: 'linux',
  home: '/home/dev',
  caFile: '/work/booking/.tls/ca.crt',
  caSha1: 'AB12CD',
  nickname: 'booking-devstack-0123456789ab',
  hasNssCertutil: true,
  nssDatabases: ['/home/dev/.pki/nssdb', '/home/dev/.mozilla/firefox/x1.default'],
  systemStore: 'debian',
  isRoot: false,
};

describe('planTrust', () => {
  it('macOS: the login keychain with a user trust setting, and out again by its SHA-1', () => {
    const mac = { ...base, platform: 'darwin' as const, home: '/Users/dev' };
    expect(planTrust(mac, 'add').steps.map(display)).toEqual(['security add-trusted-cert -r trustRoot -p ssl -k /Users/dev/Library/Keychains/login.keychain-db /work/booking/.tls/ca.crt']);
    expect(planTrust(mac, 'remove').steps.map(display)).toEqual([
      'security remove-trusted-cert /work/booking/.tls/ca.crt',
      'security delete-certificate -Z AB12CD /Users/dev/Library/Keychains/login.keychain-db',
    ]);
    expect(planTrust(mac, 'add').manual).toEqual([]);
  });

  it("Windows: the current user's Root store, no administrator", () => {
    const windows = { ...base, platform: 'win32' as const, caFile: 'C:\\Users\\dev\\booking\\.tls\\ca.crt' };
    expect(planTrust(windows, 'add').steps).toEqual([expect.objectContaining({ program: 'certutil', args: ['-user', '-addstore', 'Root', 'C:\\Users\\dev\\booking\\.tls\\ca.crt'] })]);
    expect(planTrust(windows, 'remove').steps).toEqual([expect.objectContaining({ program: 'certutil', args: ['-user', '-delstore', 'Root', 'AB12CD'] })]);
  });

  it('Linux as a user: every NSS store it runs itself, the system store printed with sudo', () => {
    const plan = planTrust(base, 'add');
    expect(plan.steps.map(display)).toEqual([
      'certutil -d sql:/home/dev/.pki/nssdb -A -t C,, -n booking-devstack-0123456789ab -i /work/booking/.tls/ca.crt',
      'certutil -d sql:/home/dev/.mozilla/firefox/x1.default -A -t C,, -n booking-devstack-0123456789ab -i /work/booking/.tls/ca.crt',
    ]);
    expect(plan.manual).toEqual([
      { why: 'the system store (curl, wget, other programs) needs root', commands: ['sudo install -m 644 /work/booking/.tls/ca.crt /usr/local/share/ca-certificates/booking-devstack-0123456789ab.crt', 'sudo update-ca-certificates'] },
    ]);
    const removal = planTrust(base, 'remove');
    expect(removal.steps.map(display)[0]).toBe('certutil -d sql:/home/dev/.pki/nssdb -D -n booking-devstack-0123456789ab');
    expect(removal.manual[0]!.commands).toEqual(['sudo rm -f /usr/local/share/ca-certificates/booking-devstack-0123456789ab.crt', 'sudo update-ca-certificates --fresh']);
  });

  it('Linux as root: the system store too, as a copy the command makes and a program it runs', () => {
    const plan = planTrust({ ...base, isRoot: true, systemStore: 'fedora', nssDatabases: [] }, 'add');
    expect(plan.steps).toEqual([
      { kind: 'copy', from: '/work/booking/.tls/ca.crt', to: '/etc/pki/ca-trust/source/anchors/booking-devstack-0123456789ab.crt', what: 'place the CA in the system store' },
      { kind: 'run', program: 'update-ca-trust', args: ['extract'], what: 'rebuild the system store' },
    ]);
    expect(plan.manual).toEqual([]);
  });

  it('Linux without certutil or a known system store: says what to install and do, runs nothing it cannot', () => {
    const plan = planTrust({ ...base, hasNssCertutil: false, systemStore: undefined }, 'add');
    expect(plan.steps).toEqual([]);
    expect(plan.manual.map((item) => item.commands[0])).toEqual(['sudo apt-get install libnss3-tools   # Fedora: sudo dnf install nss-tools; Arch: sudo pacman -S nss', '# add /work/booking/.tls/ca.crt to your distribution\'s CA store']);
  });

  it('quotes what a shell would split when it prints a command, and never joins words for running', () => {
    const plan = planTrust({ ...base, caFile: "/home/dev/my checkout/it's/.tls/ca.crt", nssDatabases: ['/home/dev/.pki/nssdb'] }, 'add');
    const step = plan.steps[0]!;
    expect(step.kind === 'run' && step.args.at(-1)).toBe("/home/dev/my checkout/it's/.tls/ca.crt");
    expect(display(step)).toBe("certutil -d sql:/home/dev/.pki/nssdb -A -t C,, -n booking-devstack-0123456789ab -i '/home/dev/my checkout/it'\\''s/.tls/ca.crt'");
  });

  it('elsewhere: nothing to run, and what to import by hand', () => {
    expect(planTrust({ ...base, platform: 'freebsd' }, 'add')).toMatchObject({ steps: [], unsupported: expect.stringContaining('/work/booking/.tls/ca.crt') });
  });
});
