import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLfCritical, KNOWN_LF_CRITICAL_FILES, listCandidateFiles, mayBeScript } from '../../../scripts/lib/doctor/lf-critical-files.ts';
import { realExec } from '../../../scripts/lib/exec.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { fakeExec } from '../helpers/fake-exec.ts';
import { makeTempDir, writeTree } from '../helpers/temp-tree.ts';
import { fileMissing, requireOrSkip, toolMissing } from '../static/tools.ts';

const CRITICAL_EXAMPLES = [
  'kafka/topics.json',
  'haproxy/haproxy.cfg',
  'mysql/conf.d/booking.cnf',
  'mysql/init/01-users.sql',
  'compose/versions.env',
  'compose/.env.example',
  '.env',
  '.ci/run',
  'kafka/connectors/mysql.json',
  'compose/services.Dockerfile',
  'ci/images/kafka/Dockerfile',
  'ci/images/kafka/Dockerfile.debug',
  'compose/compose.yaml',
  'docker-compose.override.yml',
  'connect/worker.properties',
];

describe('isLfCritical', () => {
  it.each(CRITICAL_EXAMPLES)('%s must be LF', (path) => expect(isLfCritical(path)).toBe(true));
  it.each(['README.md', 'package.json', 'services/catalog-api/main.ts', 'docs/logo.png'])('%s is left alone', (path) => expect(isLfCritical(path)).toBe(false));
});

describe('listCandidateFiles', () => {
  let root: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ path: root, remove } = await makeTempDir('lf-list-')));
  afterEach(() => remove());

  it('takes the tracked files from git when the root has .git, plus .env', async () => {
    await writeTree(root, { '.git/HEAD': 'ref: refs/heads/main\n' });
    const exec = fakeExec((_cmd, args) => (args.includes('ls-files') ? { stdout: 'a.sh\0README.md\0bin/tool\0' } : undefined));
    expect(await listCandidateFiles(root, exec)).toEqual({ files: ['a.sh', 'bin/tool', '.env'], source: 'git' });
    expect(exec.calls).toEqual([['git', '-C', root, 'ls-files', '-z', '--cached']]);
  });

  it('falls back to the known list when git is missing or fails', async () => {
    await writeTree(root, { '.git/HEAD': 'ref: refs/heads/main\n' });
    const noGit = fakeExec(() => undefined);
    expect(await listCandidateFiles(root, noGit)).toEqual({ files: [...KNOWN_LF_CRITICAL_FILES, '.env'], source: 'known list' });
  });

  it('never asks git when the root has no .git of its own (a zip unpacked inside another repository)', async () => {
    const exec = fakeExec(() => ({ stdout: 'elsewhere.sh\0' }));
    expect((await listCandidateFiles(root, exec)).source).toBe('known list');
    expect(exec.calls).toEqual([]);
  });
});

describe('this repository', () => {
  it('the known list (used without git) is exactly the LF-critical files git tracks', async (ctx) => {
    requireOrSkip(ctx, fileMissing('.git'));
    requireOrSkip(ctx, await toolMissing('git', ['--version']));
    const tracked = await realExec('git', ['-C', paths.repoRoot, 'ls-files', '-z', '--cached']);
    expect(tracked.code).toBe(0);
    const critical = tracked.stdout.split('\0').filter(Boolean).filter((file) => {
      if (isLfCritical(file)) return true;
      try {
        return mayBeScript(file) && readFileSync(join(paths.repoRoot, file)).subarray(0, 2).toString() === '#!';
      } catch {
        return false; // tracked but deleted in the work tree
      }
    });
    // On a mismatch: add the new file to (or remove it from) KNOWN_LF_CRITICAL_FILES.
    expect([...KNOWN_LF_CRITICAL_FILES].sort()).toEqual(critical.sort());
  });

  it('.gitattributes keeps every LF-critical path LF in a checkout (eol=lf, never binary)', async (ctx) => {
    requireOrSkip(ctx, fileMissing('.git'));
    requireOrSkip(ctx, await toolMissing('git', ['--version']));
    // check-attr answers for paths that need not exist: the rule's examples count too.
    const files = [...new Set([...KNOWN_LF_CRITICAL_FILES, ...CRITICAL_EXAMPLES])];
    const result = await realExec('git', ['-C', paths.repoRoot, 'check-attr', '-z', 'text', 'eol', '--', ...files]);
    expect(result.code).toBe(0);
    const fields = result.stdout.split('\0');
    const attributes = new Map<string, Record<string, string>>();
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const [file = '', attribute = '', value = ''] = fields.slice(i, i + 3);
      attributes.set(file, { ...attributes.get(file), [attribute]: value });
    }
    const wrong = files.filter((file) => attributes.get(file)?.eol !== 'lf' || attributes.get(file)?.text === 'unset');
    expect(wrong).toEqual([]);
  });
});
