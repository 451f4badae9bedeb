/**
 * ci/images/verify-artifacts.sh is what stands between a changed upstream file (on
 * Maven Central, on the way, or in CI's cache) and CI's images. These run the real
 * script on a small artifact tree whose expected checksums are computed here, not by
 * the script, so a script that accepted anything would fail them.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../scripts/lib/config/load-config.ts';
import { realExec } from '../../../scripts/lib/exec.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { requireOrSkip, toolMissing, type SkipContext } from '../static/tools.ts';

const script = join(paths.repoRoot, 'ci', 'images', 'verify-artifacts.sh');
const committedChecksums = join(paths.repoRoot, 'ci', 'images', 'artifacts.sha256');
const folders = ['kafka-libs', 'dist'];
const fakeArtifacts: Record<string, string> = {
  'kafka-libs/kafka-clients-9.9.9.jar': 'clients jar bytes',
  'kafka-libs/connect-runtime-9.9.9.jar': 'runtime jar bytes',
  'dist/debezium-connector-mysql-9.9.9.Final-plugin.tar.gz': 'plugin archive bytes',
};

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/** The script needs bash 4+ (associative arrays, as build.sh) and coreutils' sha256sum. */
async function requireTools(ctx: SkipContext): Promise<void> {
  requireOrSkip(ctx, await toolMissing('bash', ['-c', 'declare -A probe=([k]=v)']));
  requireOrSkip(ctx, await toolMissing('sha256sum', ['--version']));
}

let work: string;
let root: string;
let checksums: string;

function writeArtifact(relative: string, content: string): void {
  mkdirSync(dirname(join(root, relative)), { recursive: true });
  writeFileSync(join(root, relative), content);
}

const verify = (...extra: string[]) => realExec('bash', [script, ...extra, checksums, root, ...folders], { timeoutMs: 20_000 });

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'verify-artifacts-'));
  root = join(work, 'cache');
  checksums = join(work, 'artifacts.sha256');
  for (const [relative, content] of Object.entries(fakeArtifacts)) writeArtifact(relative, content);
  // A file outside the verified folders (like the unpacked copies) is not an artifact.
  writeArtifact('elasticsearch/README.txt', 'unpacked, derived from a verified archive');
  const lines = Object.entries(fakeArtifacts).map(([relative, content]) => `${sha256(content)}  ${relative}`);
  writeFileSync(checksums, ['# reviewed checksums', ...lines, ''].join('\n'));
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('ci/images/verify-artifacts.sh', () => {
  it('accepts artifacts that match the committed checksums', async (ctx) => {
    await requireTools(ctx);
    const result = await verify();
    expect(result.stderr).toContain('3 files match');
    expect(result.code).toBe(0);
  });

  it('refuses a cached file that changed, naming it, its checksum and the fix', async (ctx) => {
    await requireTools(ctx);
    appendFileSync(join(root, 'kafka-libs/kafka-clients-9.9.9.jar'), 'tampered');
    const tampered = sha256(readFileSync(join(root, 'kafka-libs/kafka-clients-9.9.9.jar')));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `kafka-libs/kafka-clients-9.9.9.jar: sha256 is ${tampered}, ${checksums} expects ${sha256(fakeArtifacts['kafka-libs/kafka-clients-9.9.9.jar']!)}`,
    );
    expect(result.stderr).toContain('1 file(s) differ');
    expect(result.stderr).not.toContain('connect-runtime-9.9.9.jar:');
    expect(result.stderr).toContain('bash ci/images/build.sh --update-checksums');
  });

  it('refuses when a listed artifact is missing', async (ctx) => {
    await requireTools(ctx);
    rmSync(join(root, 'dist/debezium-connector-mysql-9.9.9.Final-plugin.tar.gz'));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `dist/debezium-connector-mysql-9.9.9.Final-plugin.tar.gz: listed in ${checksums} but missing from ${root}`,
    );
  });

  it('refuses an artifact the checksums do not list', async (ctx) => {
    await requireTools(ctx);
    writeArtifact('kafka-libs/unexpected-1.0.jar', 'a jar nobody reviewed');
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`kafka-libs/unexpected-1.0.jar: not listed in ${checksums}`);
  });

  it('refuses a checksum file that lists nothing, since it would accept anything', async (ctx) => {
    await requireTools(ctx);
    writeFileSync(checksums, '# only a comment\n');
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('lists no artifacts');
  });

  it('--update writes one line per artifact, the same values as computed here', async (ctx) => {
    await requireTools(ctx);
    rmSync(checksums);
    const update = await verify('--update');
    expect(update.code).toBe(0);
    const written = readFileSync(checksums, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    const computed = Object.entries(fakeArtifacts).map(([relative, content]) => `${sha256(content)}  ${relative}`);
    expect(written.sort()).toEqual(computed.sort());
  });
});

describe('ci/images/artifacts.sha256', () => {
  const versions = loadConfig({ files: [paths.versionsFile], env: {} }).config.values;
  const listed = readFileSync(committedChecksums, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('is in sha256sum format, one artifact per line', () => {
    expect(listed.filter((line) => !/^[0-9a-f]{64} {2}(kafka-libs|dist)\/\S+$/.test(line))).toEqual([]);
  });

  // A version bump without regenerated checksums would otherwise first fail in CI's image build.
  it('lists the artifacts of the versions pinned in compose/versions.env', () => {
    const wanted = [
      `kafka-libs/kafka_2.13-${versions.KAFKA_VERSION}.jar`,
      `kafka-libs/connect-runtime-${versions.KAFKA_VERSION}.jar`,
      `dist/debezium-connector-mysql-${versions.DEBEZIUM_VERSION}-plugin.tar.gz`,
      `dist/debezium-connector-mariadb-${versions.DEBEZIUM_VERSION}-plugin.tar.gz`,
      `dist/elasticsearch-${versions.ELASTICSEARCH_VERSION}.zip`,
    ];
    const listedPaths = new Set(listed.map((line) => line.slice(66)));
    const absent = wanted.filter((path) => !listedPaths.has(path));
    expect(absent, 'regenerate with `bash ci/images/build.sh --update-checksums`').toEqual([]);
  });
});
