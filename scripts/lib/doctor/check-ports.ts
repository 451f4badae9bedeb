/**
 * Port 3306 taken by a local MySQL is the most common first-run failure
 * (docker/docs#13724). Name the port, its holder where knowable, and the .env
 * variable that moves it. A port held by this stack's own container is fine: `up`
 * on a running stack must not fail its own doctor.
 */
import { fail, ok, warn, type CheckResult } from './check.ts';
import type { PortProbe } from './port-probe.ts';

export interface PortsInput {
  /** `onlyFor`: a port the stack does not need (the dev server's): taken, it is a warning naming the command that needs it. */
  ports: Array<{ variable: string; port: number; onlyFor?: string }>;
  probe: (port: number) => Promise<PortProbe>;
  /** Host port → container name, from `compose ps` of this project. */
  ownPorts: Map<number, string>;
  findHolder: (port: number) => Promise<string | undefined>;
}

export async function portsCheck({ ports, probe, ownPorts, findHolder }: PortsInput): Promise<CheckResult> {
  const problems: Array<{ text: string; fix: string }> = [];
  const warnings: Array<{ text: string; fix: string }> = [];
  const details: string[] = [];
  for (const { variable, port, onlyFor } of ports) {
    const state = await probe(port);
    if (state === 'free') continue;
    const own = ownPorts.get(port);
    if (own) {
      details.push(`${port} (${variable}) is held by this stack's ${own}`);
      continue;
    }
    if (state === 'denied') {
      problems.push({ text: `port ${port} (${variable}) needs privileges to bind`, fix: `set ${variable} to a port above 1023 in .env` });
      continue;
    }
    const holder = await findHolder(port).catch(() => undefined);
    (onlyFor ? warnings : problems).push({
      text: `port ${port} (${variable}) is taken by ${holder ?? 'another process (run `sudo ss -ltnp` to see which)'}${onlyFor ? `: ${onlyFor} cannot start (the stack does not need it)` : ''}`,
      fix: `stop ${holder ?? 'that process'}, or set ${variable} to a free port in .env`,
    });
  }
  const list = ports.map((p) => p.port).join(', ');
  if (problems.length === 0 && warnings.length > 0) return warn('ports', warnings.map((w) => w.text).join('; '), warnings.map((w) => w.fix).join('; '), details.length ? details : undefined);
  if (problems.length === 0) return ok('ports', `free on 127.0.0.1: ${list}`, details.length ? details : undefined);
  const [first] = problems;
  return fail('ports', problems.map((p) => p.text).join('; '), problems.map((p) => p.fix).join('; ') || first!.fix, details.length ? details : undefined);
}
