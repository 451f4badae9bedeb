/**
 * Native Windows (PowerShell, cmd) has no `bash` on PATH. The orchestrator must still
 * run `docker` there: this runs the real CLI with a PATH that holds only `node` and
 * `docker`, as such a machine would, and reads what the doctor says about Docker.
 * It runs in a copy of the checkout, so the doctor creates `.env` (and may normalize
 * line endings) there, never in this worktree.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';
import { cleanEnv, requireOrSkip, toolMissing } from './tools.ts';

const temp = mkdtempSync(join(tmpdir(), 'no-bash-'));
const checkout = join(temp, 'checkout');
const bin = join(temp, 'bin');
const nodeOnly = join(temp, 'node-only');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Not copied: git metadata, installed packages (linked instead), local state. */
const LEFT_OUT = new Set(['.git', 'node_modules', '.env', '.cache', 'dist']);

/**
 * `status` asks Kafka Connect on CONNECT_PORT: point it at a port nothing listens on,
 * so another stack on this machine (on the default 8083) plays no part.
 */
let connectPort = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

beforeAll(async () => {
  connectPort = await freePort();
  cpSync(paths.repoRoot, checkout, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(relative(paths.repoRoot, source).split(sep)[0] ?? ''),
  });
  symlinkSync(join(paths.repoRoot, 'node_modules'), join(checkout, 'node_modules'), 'junction');
  mkdirSync(bin);
  mkdirSync(nodeOnly);
  const docker = findOnPath('docker');
  const nodeName = process.platform === 'win32' ? 'node.exe' : 'node';
  link(process.execPath, join(bin, nodeName));
  link(process.execPath, join(nodeOnly, nodeName));
  if (docker) link(docker, join(bin, docker.endsWith('.exe') ? 'docker.exe' : 'docker'));
});

function link(target: string, path: string): void {
  symlinkSync(target, path, 'file');
}

function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const extensions = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The environment of a shell with only `node` and `docker` on PATH, and a project (and Connect port) of its own. */
function bashlessEnv(path = bin): NodeJS.ProcessEnv {
  const env = cleanEnv();
  for (const key of Object.keys(env)) if (key.toUpperCase() === 'PATH') delete env[key];
  return { ...env, PATH: path, NO_COLOR: '1', COMPOSE_PROJECT_NAME: `no-bash-${process.pid}`, CONNECT_PORT: String(connectPort) };
}

/** `tsx scripts/cli.ts <args>` as npm would start it, in the copy. */
function runCli(args: string[], path = bin): Promise<{ code: number; stdout: string; output: string }> {
  const tsx = join(checkout, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, 'scripts/cli.ts', ...args], { cwd: checkout, env: bashlessEnv(path), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, output }));
  });
}

/** The doctor's line for one check ("✔ docker  Docker client …"), without its padding. */
function checkLine(output: string, name: string): string | undefined {
  const line = output.split('\n').find((text) => new RegExp(`^[✔✖↻-] ${name}\\s`).test(text));
  return line?.replace(/\s+/g, ' ').trim();
}

describe('a PATH with node and docker but no bash (native Windows shells)', () => {
  it('the PATH under test really has no bash', () => {
    expect(findOnPath('bash', { PATH: bin })).toBeUndefined();
    expect(findOnPath('sh', { PATH: bin })).toBeUndefined();
  });

  it('doctor finds Docker and Compose', { timeout: 120_000 }, async (ctx) => {
    requireOrSkip(ctx, await toolMissing('docker', ['version']));
    requireOrSkip(ctx, await toolMissing('docker', ['compose', 'version']));
    const { output } = await runCli(['doctor']);
    expect(output).not.toContain('Docker is not installed');
    // Other checks may fail on this machine (ports, memory); these two must not.
    expect(checkLine(output, 'docker'), output).toMatch(/^✔ docker Docker client \S+, engine \S+ \(API [\d.]+\)$/);
    expect(checkLine(output, 'compose'), output).toMatch(/^✔ compose Docker Compose v?\d+\.\d+/);
  });

  it('doctor still says Docker is not installed when PATH really has no docker', { timeout: 60_000 }, async () => {
    const { code, output } = await runCli(['doctor'], nodeOnly);
    expect(code).toBe(1);
    expect(checkLine(output, 'docker'), output).toBe('✖ docker Docker is not installed (no `docker` command on PATH)');
  });

  it('status and down run through Compose (after doctor created .env)', { timeout: 120_000 }, async (ctx) => {
    requireOrSkip(ctx, await toolMissing('docker', ['compose', 'version']));
    if (!existsSync(join(checkout, '.env'))) await runCli(['doctor']);
    const status = await runCli(['status', '--json']);
    expect(status.code, status.output).toBe(0);
    expect(status.stdout, status.output).toMatch(/^\{/);
    const services = (JSON.parse(status.stdout) as { services: Array<{ service: string; readiness: string }> }).services;
    expect(services.map((s) => s.service)).toContain('mysql');
    expect(new Set(services.map((s) => s.readiness))).toEqual(new Set(['missing']));
    const down = await runCli(['down']);
    expect(down.code, down.output).toBe(0);
    expect(down.output).toMatch(/Compose project "[\w-]+" stopped; data volumes kept/);
  });
});
