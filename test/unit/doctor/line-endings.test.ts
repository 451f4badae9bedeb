import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineEndingsCheck } from '../../../scripts/lib/doctor/check-line-endings.ts';
import { isLfCritical, normalizeLineEndings, walkFiles } from '../../../scripts/lib/doctor/line-endings.ts';

let root: string;
const write = async (path: string, data: string | Buffer) => {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), data);
};
const read = (path: string) => readFile(join(root, path));

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'crlf-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('isLfCritical', () => {
  it.each([
    'kafka/init/init.sh',
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
    'compose/compose.yaml',
    'docker-compose.override.yml',
    'connect/worker.properties',
  ])('%s must be LF', (path) => expect(isLfCritical(path)).toBe(true));

  it.each(['README.md', 'package.json', 'services/catalog-api/main.ts', 'docs/logo.png'])('%s is left alone', (path) => expect(isLfCritical(path)).toBe(false));
});

describe('normalizeLineEndings', () => {
  it('rewrites CRLF scripts and config files to LF and reports each', async () => {
    await write('kafka/init/init.sh', '#!/usr/bin/env bash\r\nset -euo pipefail\r\necho ok\r\n');
    await write('haproxy/haproxy.cfg', 'global\r\n    log stdout format raw local0\r\n');
    await write('compose/versions.env', 'KAFKA_VERSION=4.1.1\n');
    const result = await normalizeLineEndings(root, ['kafka/init/init.sh', 'haproxy/haproxy.cfg', 'compose/versions.env']);
    expect(result.rewritten).toEqual(['kafka/init/init.sh', 'haproxy/haproxy.cfg']);
    expect(result.scanned).toBe(3);
    expect((await read('kafka/init/init.sh')).toString()).toBe('#!/usr/bin/env bash\nset -euo pipefail\necho ok\n');
  });

  it('never touches binary files, even with a critical name', async () => {
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x0d, 0x0a, 0x01]);
    await write('tools/helper.sh', binary);
    const result = await normalizeLineEndings(root, ['tools/helper.sh']);
    expect(result.rewritten).toEqual([]);
    expect(await read('tools/helper.sh')).toEqual(binary);
  });

  it('leaves other files alone, but catches extensionless scripts by their shebang', async () => {
    await write('README.md', 'hello\r\n');
    await write('bin/tool', '#!/bin/sh\r\necho\r\n');
    await write('NOTICE', 'text\r\n');
    const result = await normalizeLineEndings(root, ['README.md', 'bin/tool', 'NOTICE']);
    expect(result.rewritten).toEqual(['bin/tool']);
    expect((await read('README.md')).toString()).toBe('hello\r\n');
  });

  it('keeps non-UTF-8 bytes intact while rewriting', async () => {
    await write('mysql/init/seed.sql', Buffer.from([0x41, 0xe9, 0x0d, 0x0a, 0x42]));
    await normalizeLineEndings(root, ['mysql/init/seed.sql']);
    expect(await read('mysql/init/seed.sql')).toEqual(Buffer.from([0x41, 0xe9, 0x0a, 0x42]));
  });

  it('skips files listed but missing', async () => {
    expect((await normalizeLineEndings(root, ['gone.sh'])).rewritten).toEqual([]);
  });
});

describe('lineEndingsCheck', () => {
  it('reports each rewrite as "fixed", and ok when nothing had CRLF', async () => {
    await write('.ci/run', '#!/usr/bin/env bash\r\nnpm test\r\n');
    const fixed = await lineEndingsCheck(root, await walkFiles(root));
    expect(fixed).toMatchObject({ status: 'fixed', summary: 'rewrote 1 file(s) from CRLF to LF', details: ['.ci/run: CRLF → LF'] });
    const again = await lineEndingsCheck(root, await walkFiles(root));
    expect(again.status).toBe('ok');
  });

  it('walkFiles skips node_modules and .git', async () => {
    await write('node_modules/x/a.sh', 'x\r\n');
    await write('.git/hooks/pre-commit.sh', 'x\r\n');
    await write('a.sh', 'x\n');
    expect(await walkFiles(root)).toEqual(['a.sh']);
  });
});
