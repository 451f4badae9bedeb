/**
 * The line-ending repair on a real file system: temporary directories, real git for
 * the list of tracked files, real symlinks. Each case drives the doctor's check as
 * `runDoctor` does: list the files, then repair them.
 */
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineEndingsCheck, listProjectFiles } from '../../../scripts/lib/doctor/check-line-endings.ts';
import { judgeLineEndings, normalizeLineEndings, realLineEndingFs } from '../../../scripts/lib/doctor/line-endings.ts';
import { realExec } from '../../../scripts/lib/exec.ts';
import { requireOrSkip, toolMissing } from '../static/tools.ts';
import { gitTrack, makeTempDir, writeTree } from '../helpers/temp-tree.ts';

let root: string;
let outside: string;
const cleanups: Array<() => Promise<void>> = [];
beforeEach(async () => {
  const tree = await makeTempDir('crlf-');
  const elsewhere = await makeTempDir('crlf-outside-');
  root = tree.path;
  outside = elsewhere.path;
  cleanups.push(tree.remove, elsewhere.remove);
});
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((remove) => remove()));
});

const read = (path: string) => readFile(join(root, path));
const doctor = async () => lineEndingsCheck(root, await listProjectFiles(root, realExec));
const needGit = async (ctx: { skip: (note?: string) => never }) => requireOrSkip(ctx, await toolMissing('git', ['--version']));

describe('line endings: what is rewritten', () => {
  it('rewrites tracked CRLF scripts and config files to LF and reports each', async (ctx) => {
    await needGit(ctx);
    await writeTree(root, {
      'compose/reload-on-hup.sh': '#!/usr/bin/env bash\r\nset -euo pipefail\r\necho ok\r\n',
      'haproxy/haproxy.cfg': 'global\r\n    log stdout format raw local0\r\n',
      'compose/versions.env': 'KAFKA_VERSION=4.1.1\n',
      'bin/tool': '#!/bin/sh\r\necho\r\n',
      'README.md': 'hello\r\n',
    });
    await gitTrack(root, ['.']);
    const result = await doctor();
    expect(result).toMatchObject({
      status: 'fixed',
      summary: 'rewrote 3 file(s) from CRLF to LF',
      details: ['bin/tool: CRLF → LF', 'compose/reload-on-hup.sh: CRLF → LF', 'haproxy/haproxy.cfg: CRLF → LF'],
    });
    expect((await read('compose/reload-on-hup.sh')).toString()).toBe('#!/usr/bin/env bash\nset -euo pipefail\necho ok\n');
    expect((await read('README.md')).toString()).toBe('hello\r\n');
    expect((await doctor()).status).toBe('ok');
  });

  it('ignores an untracked file, even a CRLF script', async (ctx) => {
    await needGit(ctx);
    await writeTree(root, { 'compose/reload-on-hup.sh': '#!/bin/sh\necho\n', 'scratch/try.sh': '#!/bin/sh\r\necho\r\n' });
    await gitTrack(root, ['compose/reload-on-hup.sh']);
    expect(await doctor()).toMatchObject({ status: 'ok', summary: 'LF in all 1 scripts and config files' });
    expect((await read('scratch/try.sh')).toString()).toBe('#!/bin/sh\r\necho\r\n');
  });

  it('rewrites the git-ignored .env, which Compose parses, and keeps its mode', async (ctx) => {
    await needGit(ctx);
    await writeTree(root, { '.gitignore': '.env\n', '.env': { data: 'HTTP_PORT=8080\r\n', mode: 0o600 } });
    await gitTrack(root, ['.gitignore']);
    expect((await doctor()).details).toEqual(['.env: CRLF → LF']);
    expect((await read('.env')).toString()).toBe('HTTP_PORT=8080\n');
    expect((await stat(join(root, '.env'))).mode & 0o777).toBe(0o600);
  });

  it('without git metadata (a downloaded zip) repairs the known LF-critical files only', async () => {
    await writeTree(root, { 'compose/reload-on-hup.sh': '#!/bin/sh\r\necho\r\n', 'mine/notes.sh': '#!/bin/sh\r\necho\r\n' });
    expect((await doctor()).details).toEqual(['compose/reload-on-hup.sh: CRLF → LF']);
    expect((await read('mine/notes.sh')).toString()).toBe('#!/bin/sh\r\necho\r\n');
  });
});

describe('line endings: what is left alone', () => {
  it('never writes through a symlink to a file outside the repository', async (ctx) => {
    await needGit(ctx);
    const target = join(outside, 'shared.sh');
    await writeTree(outside, { 'shared.sh': '#!/bin/sh\r\necho shared\r\n' });
    await writeTree(root, { 'compose/reload-on-hup.sh': { linkTo: target }, '.env': { linkTo: join(outside, 'shared.sh') } });
    await gitTrack(root, ['compose/reload-on-hup.sh']);
    const result = await doctor();
    expect((await readFile(target)).toString()).toBe('#!/bin/sh\r\necho shared\r\n');
    expect((await lstat(join(root, 'compose/reload-on-hup.sh'))).isSymbolicLink()).toBe(true);
    expect(result).toMatchObject({
      status: 'ok',
      details: ['compose/reload-on-hup.sh: a symbolic link, not followed (its target is not checked)', '.env: a symbolic link, not followed (its target is not checked)'],
    });
  });

  it('leaves binary content named *.cfg byte for byte, and reports its CRLF', async (ctx) => {
    await needGit(ctx);
    // No NUL in the first 8 KiB (the old heuristic's window), one after; invalid UTF-8 throughout.
    const withLateNul = Buffer.alloc(9000, 0xfe);
    withLateNul.write('\r\n', 10, 'latin1');
    withLateNul[8500] = 0;
    const noNul = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xd8, 0x0d, 0x0a]);
    await writeTree(root, { 'x.cfg': withLateNul, 'y.cfg': noNul });
    await gitTrack(root, ['x.cfg', 'y.cfg']);
    const result = await doctor();
    expect(await read('x.cfg')).toEqual(withLateNul);
    expect(await read('y.cfg')).toEqual(noNul);
    expect(result).toMatchObject({
      status: 'warn',
      details: ['x.cfg: CRLF left alone: binary content (a NUL byte), not a text file', 'y.cfg: CRLF left alone: not UTF-8 text (binary, or another encoding)'],
    });
    expect(result.fix).toBeTruthy();
  });

  it('leaves a CRLF inside a SQL string literal (a file with LF line breaks) and reports it', async (ctx) => {
    await needGit(ctx);
    const sql = "CREATE TABLE notes (body TEXT);\nINSERT INTO notes VALUES ('first line\r\nsecond line');\n";
    await writeTree(root, { 'mysql/init/30-notes.sql': sql });
    await gitTrack(root, ['mysql/init/30-notes.sql']);
    const result = await doctor();
    expect((await read('mysql/init/30-notes.sql')).toString()).toBe(sql);
    expect(result).toMatchObject({
      status: 'warn',
      summary: 'left CRLF in 1 file(s) that cannot be rewritten safely',
      details: ['mysql/init/30-notes.sql: CRLF left alone: SQL with both CRLF (1) and LF (2) line breaks: a CRLF inside a string literal is data'],
    });
  });

  it('rewrites SQL whose every line break is CRLF (a Windows checkout)', async (ctx) => {
    await needGit(ctx);
    await writeTree(root, { 'mysql/init/01-schema.sql': 'CREATE TABLE t (\r\n  id INT\r\n);\r\n' });
    await gitTrack(root, ['mysql/init/01-schema.sql']);
    expect((await doctor()).details).toEqual(['mysql/init/01-schema.sql: CRLF → LF']);
    expect((await read('mysql/init/01-schema.sql')).toString()).toBe('CREATE TABLE t (\n  id INT\n);\n');
  });
});

describe('line endings: how a file is written', () => {
  it('replaces the file by a rename (a new inode), keeps its mode and leaves no temporary file', async (ctx) => {
    await needGit(ctx);
    await writeTree(root, { 'compose/reload-on-hup.sh': { data: '#!/bin/sh\r\necho\r\n', mode: 0o755 } });
    await gitTrack(root, ['compose/reload-on-hup.sh']);
    const before = await stat(join(root, 'compose/reload-on-hup.sh'));
    expect((await doctor()).status).toBe('fixed');
    const after = await stat(join(root, 'compose/reload-on-hup.sh'));
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o7777).toBe(0o755);
    expect(await readdir(join(root, 'compose'))).toEqual(['reload-on-hup.sh']);
  });

  it('reports a file it could not write and leaves it as it was', async () => {
    await writeTree(root, { 'compose/reload-on-hup.sh': '#!/bin/sh\r\necho\r\n' });
    const failing = { ...realLineEndingFs, writeAtomic: async () => Promise.reject(new Error('EROFS: read-only file system')) };
    const result = await lineEndingsCheck(root, ['compose/reload-on-hup.sh'], failing);
    expect(result).toMatchObject({ status: 'fail', details: ['compose/reload-on-hup.sh: EROFS: read-only file system'] });
    expect((await read('compose/reload-on-hup.sh')).toString()).toBe('#!/bin/sh\r\necho\r\n');
  });

  it('skips files listed but missing from the work tree', async () => {
    expect((await normalizeLineEndings(root, ['gone.sh'])).scanned).toBe(0);
  });
});

describe('judgeLineEndings', () => {
  it('keeps every non-CRLF byte (a lone CR, UTF-8 text) while rewriting', () => {
    const verdict = judgeLineEndings('a.sh', Buffer.from('échec\r\nx\ry\r\n'));
    expect(verdict).toEqual({ kind: 'rewrite', data: Buffer.from('échec\nx\ry\n') });
  });

  it('has nothing to do without CRLF, even for binary content', () => {
    expect(judgeLineEndings('a.cfg', Buffer.from([0, 1, 2, 0x0a]))).toEqual({ kind: 'lf' });
  });
});
