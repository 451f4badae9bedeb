/**
 * k8s:check's Strimzi step with Maven and the generator faked: what it refuses before anything
 * runs, what it refuses after Maven, and when it reuses the last run's CRDs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Exec } from '../../../scripts/lib/exec.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { renderChecksums } from '../../../scripts/lib/k8s/maven-checksums.ts';
import { generateStrimziSchemas, STRIMZI_KINDS } from '../../../scripts/lib/k8s/strimzi-crds.ts';
import { makeTempDir, writeTree } from '../helpers/temp-tree.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const crd = (kind: string) => `spec:\n  versions:\n    - name: v1\n      schema:\n        openAPIV3Schema:\n          type: object\n          description: ${kind}\n`;

describe('generateStrimziSchemas', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let calls: string[];
  const repo = () => join(dir.path, 'm2');
  const files = () => ({ pom: join(dir.path, 'pom.xml'), checksums: join(dir.path, 'artifacts.sha256'), target: join(dir.path, 'target') });
  const java = () => ({ home: '/jdk', java: '/jdk/bin/java', major: 25 });

  /** Maven "downloads" `download` into the repository; the generator writes one CRD per kind. */
  const fakeExec = (download: Record<string, string>): Exec => async (command, args) => {
    calls.push(command);
    if (command === 'mvn') {
      await writeTree(repo(), download);
      await writeTree(dir.path, { 'target/classpath.txt': 'a.jar' });
      return { code: 0, stdout: '', stderr: '' };
    }
    for (const arg of args.filter((a) => a.includes('='))) await writeTree('/', { [arg.split('=')[1]!]: crd(arg.split('=')[1]!) });
    return { code: 0, stdout: '', stderr: '' };
  };

  beforeEach(async () => {
    dir = await makeTempDir('strimzi-crds-');
    calls = [];
    await writeTree(dir.path, { 'pom.xml': '<project/>', 'artifacts.sha256': renderChecksums({ 'io/strimzi/api/api.jar': sha('api') }) });
  });
  afterEach(() => dir.remove());

  it('generates every kind after Maven, then reuses the CRDs while nothing changed', async () => {
    const first = await generateStrimziSchemas({ repo: repo(), exec: fakeExec({ 'io/strimzi/api/api.jar': 'api' }), java, files: files() });
    expect(first.cached).toBe(false);
    expect(Object.keys(first.schemas).sort()).toEqual(Object.keys(STRIMZI_KINDS).sort());
    expect(calls).toEqual(['mvn', '/jdk/bin/java']);
    const second = await generateStrimziSchemas({ repo: repo(), exec: fakeExec({}), java, files: files() });
    expect(second.cached).toBe(true);
    expect(calls).toEqual(['mvn', '/jdk/bin/java']);
    // Another Java regenerates.
    await generateStrimziSchemas({ repo: repo(), exec: fakeExec({}), java: () => ({ ...java(), home: '/other' }), files: files() });
    expect(calls).toHaveLength(4);
  });

  it('refuses a cached jar that differs from the reviewed list before Maven or the generator runs', async () => {
    await writeTree(repo(), { 'io/strimzi/api/api.jar': 'tampered' });
    await expect(generateStrimziSchemas({ repo: repo(), exec: fakeExec({}), java, files: files() })).rejects.toThrow(/io\/strimzi\/api\/api\.jar has SHA-256/);
    expect(calls).toEqual([]);
  });

  it('refuses a download that is not in the reviewed list, before the generator runs', async () => {
    const error = await generateStrimziSchemas({ repo: repo(), exec: fakeExec({ 'io/strimzi/api/api.jar': 'api', 'evil/evil.jar': 'x' }), java, files: files() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/evil\/evil\.jar is not in the reviewed list/);
    expect(calls).toEqual(['mvn']);
  });

  it('--update-checksums rewrites the list from what Maven downloaded, and the next run reuses that result', async () => {
    await generateStrimziSchemas({ repo: repo(), updateChecksums: true, exec: fakeExec({ 'io/strimzi/api/api.jar': 'new' }), java, files: files() });
    expect(readFileSync(files().checksums, 'utf8')).toContain(`${sha('new')}  io/strimzi/api/api.jar`);
    expect((await generateStrimziSchemas({ repo: repo(), exec: fakeExec({}), java, files: files() })).cached).toBe(true);
  });
});
