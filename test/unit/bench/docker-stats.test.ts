/** The Engine API reads of the benchmarks (docker-stats.ts), against a stand-in engine on a unix socket. */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerStats, engineCpuCount, memoryInUse } from '../../../scripts/lib/bench/docker-stats.ts';

let server: Server;
let dir: string;
let socket: string;
let info: unknown = { NCPU: 4 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'engine-'));
  socket = join(dir, 'docker.sock');
  server = createServer((req, res) => {
    if (req.url === '/info') return res.end(JSON.stringify(info));
    if (req.url === '/containers/mi8-kafka-1/stats?stream=false&one-shot=true') {
      return res.end(JSON.stringify({ cpu_stats: { cpu_usage: { total_usage: 7_500_000_000 } }, memory_stats: { usage: 400, stats: { inactive_file: 100 } } }));
    }
    res.statusCode = 404;
    res.end('{"message":"No such container"}');
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('the Engine API reads', () => {
  it("reads a container's cumulative CPU and its memory as docker stats counts it", async () => {
    const stats = await containerStats(socket)('mi8-kafka-1');
    expect(stats.cpu_stats?.cpu_usage?.total_usage).toBe(7_500_000_000);
    expect(memoryInUse(stats)).toBe(300);
  });

  it("says which container the engine does not know, in the engine's words", async () => {
    await expect(containerStats(socket)('gone-1')).rejects.toThrow('Docker answered 404 for gone-1: {"message":"No such container"}');
  });

  it("counts the engine's CPUs (a Docker Desktop VM may have fewer than the host), and refuses an info without them", async () => {
    info = { NCPU: 4 };
    expect(await engineCpuCount(socket)).toBe(4);
    info = {};
    await expect(engineCpuCount(socket)).rejects.toThrow('the engine info gave no CPU count');
  });

  it('says the engine cannot be reached', async () => {
    await expect(engineCpuCount(join(dir, 'none.sock'))).rejects.toThrow(`cannot reach Docker at ${join(dir, 'none.sock')}`);
  });
});
