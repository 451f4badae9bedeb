/** What a test starts (haproxy processes, stand-in servers) and the temporary folders it writes, stopped and removed in one afterAll. */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';

export function startedProcesses() {
  const started: Array<ChildProcess | Server> = [];
  const dirs: string[] = [];
  return {
    started,
    dirs,
    async stopAll(): Promise<void> {
      for (const thing of started) {
        if ('kill' in thing) thing.kill('SIGTERM');
        else await new Promise((done) => thing.close(done));
      }
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
