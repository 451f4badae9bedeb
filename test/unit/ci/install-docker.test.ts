/**
 * ci/host/install-docker.sh runs as root and installs the Compose plugin from an apt
 * state directory of its own. That directory must be private (a fresh mktemp -d, 0700)
 * and removed afterwards: a fixed path under a world-writable directory could be made
 * first by any local user, who would then pick the sources and the package. The real
 * script runs here with stand-ins for apt-get, dpkg-deb, install and docker on PATH,
 * which record what they were given and touch nothing of the machine.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realExec } from '../../../scripts/lib/exec.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { requireOrSkip, toolMissing } from '../static/tools.ts';

const script = join(paths.repoRoot, 'ci', 'host', 'install-docker.sh');

const stubs: Record<string, string> = {
  // Compose counts as installed once `install` has put the plugin in place.
  docker: `if [[ "$1 $2" == "compose version" ]]; then [[ -f "$STUB_LOG.compose" ]]; else exit 0; fi`,
  'apt-get': `for arg in "$@"; do
  if [[ "$arg" == Dir::State::Lists=* ]]; then lists="\${arg#Dir::State::Lists=}"; state="\${lists%/lists}"; echo "state $state $(stat -c '%a %u' "$state")" >> "$STUB_LOG"; fi
done
[[ " $* " == *" download "* ]] && : > docker-compose_2.26.1-4_amd64.deb
exit 0`,
  'dpkg-deb': `mkdir -p "$3/usr/libexec/docker/cli-plugins" && : > "$3/usr/libexec/docker/cli-plugins/docker-compose"`,
  install: `echo "install $*" >> "$STUB_LOG"; : > "$STUB_LOG.compose"`,
  dockerd: 'exit 0',
  haproxy: 'exit 0',
  debootstrap: 'exit 0',
  unzip: 'exit 0',
};

let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'install-docker-test-'));
  mkdirSync(join(work, 'bin'));
  mkdirSync(join(work, 'tmp'));
  for (const [name, body] of Object.entries(stubs)) {
    writeFileSync(join(work, 'bin', name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(join(work, 'bin', name), 0o755);
  }
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

async function runScript(log: string) {
  return realExec('bash', [script], {
    env: { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}`, TMPDIR: join(work, 'tmp'), STUB_LOG: log },
    timeoutMs: 20_000,
  });
}

const stateDirs = (log: string) => readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('state ')).map((line) => line.split(' ').slice(1));

describe('install-docker.sh', () => {
  it('keeps its apt state in a new private directory and removes it afterwards', async (ctx) => {
    requireOrSkip(ctx, await toolMissing('bash', ['-c', 'true']));
    requireOrSkip(ctx, await toolMissing('stat', ['--version']));
    const first = join(work, 'first.log');
    const second = join(work, 'second.log');
    for (const log of [first, second]) {
      const result = await runScript(log);
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(log, 'utf8')).toContain('install -D -m 0755');
    }
    const [dir, mode, owner] = stateDirs(first)[0]!;
    expect(dir!.startsWith(join(work, 'tmp') + '/'), `${dir} is not a new directory under TMPDIR`).toBe(true);
    expect(mode).toBe('700');
    expect(owner).toBe(String(process.getuid?.() ?? owner));
    expect(new Set(stateDirs(first).map(([d]) => d)).size, 'one directory per run').toBe(1);
    expect(stateDirs(second)[0]![0]).not.toBe(dir);
    expect(readdirSync(join(work, 'tmp')), 'left behind').toEqual([]);
  });
});
