import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { portsCheck } from '../../../scripts/lib/doctor/check-ports.ts';
import { findPortHolder, parseLsofHolder, parseSsHolder, probePort, type PortProbe } from '../../../scripts/lib/doctor/port-probe.ts';
import { fakeExec } from '../helpers/fake-exec.ts';

const ports = [
  { variable: 'HTTP_PORT', port: 8080 },
  { variable: 'MYSQL_PORT', port: 3306 },
];
const probeFrom = (states: Record<number, PortProbe>) => async (port: number) => states[port] ?? 'free';

describe('portsCheck', () => {
  it('passes when every port is free', async () => {
    const result = await portsCheck({ ports, probe: probeFrom({}), ownPorts: new Map(), findHolder: async () => undefined });
    expect(result).toMatchObject({ status: 'ok', summary: 'free on 127.0.0.1: 8080, 3306' });
  });

  it('names the port, the holder and the .env variable', async () => {
    const result = await portsCheck({ ports, probe: probeFrom({ 3306: 'in-use' }), ownPorts: new Map(), findHolder: async () => 'mysqld (pid 812)' });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('port 3306 (MYSQL_PORT) is taken by mysqld (pid 812)');
    expect(result.fix).toBe('stop mysqld (pid 812), or set MYSQL_PORT to a free port in .env');
  });

  it('says how to find an unknown holder', async () => {
    const result = await portsCheck({ ports, probe: probeFrom({ 8080: 'in-use' }), ownPorts: new Map(), findHolder: async () => undefined });
    expect(result.summary).toContain('sudo ss -ltnp');
    expect(result.fix).toContain('HTTP_PORT');
  });

  it("accepts a port held by this stack's own container", async () => {
    const result = await portsCheck({ ports, probe: probeFrom({ 3306: 'in-use' }), ownPorts: new Map([[3306, 'booking-mysql-1']]), findHolder: async () => 'never asked' });
    expect(result.status).toBe('ok');
    expect(result.details).toEqual(["3306 (MYSQL_PORT) is held by this stack's booking-mysql-1"]);
  });

  it('explains privileged ports', async () => {
    const result = await portsCheck({ ports: [{ variable: 'HTTP_PORT', port: 80 }], probe: probeFrom({ 80: 'denied' }), ownPorts: new Map(), findHolder: async () => undefined });
    expect(result.fix).toBe('set HTTP_PORT to a port above 1023 in .env');
  });
});

describe('port holders', () => {
  it('parses ss and lsof output', () => {
    expect(parseSsHolder('LISTEN 0 151 127.0.0.1:3306 0.0.0.0:* users:(("mysqld",pid=812,fd=23))')).toBe('mysqld (pid 812)');
    expect(parseSsHolder('LISTEN 0 151 127.0.0.1:3306 0.0.0.0:*')).toBeUndefined();
    expect(parseLsofHolder('p812\ncmysqld\n')).toBe('mysqld (pid 812)');
    expect(parseLsofHolder('')).toBeUndefined();
  });

  it('prefers naming another container, then ss, then lsof', async () => {
    const container = fakeExec((cmd) => (cmd === 'docker' ? { stdout: 'other-project-db-1\n' } : undefined));
    expect(await findPortHolder(container, 3306)).toBe('container other-project-db-1');
    const ss = fakeExec((cmd) => (cmd === 'docker' ? { stdout: '' } : cmd === 'ss' ? { stdout: 'LISTEN users:(("postgres",pid=9,fd=5))' } : undefined));
    expect(await findPortHolder(ss, 5432)).toBe('postgres (pid 9)');
    const lsof = fakeExec((cmd) => (cmd === 'lsof' ? { stdout: 'p77\ncnode\n' } : cmd === 'ss' ? { stdout: '' } : { code: 1 }));
    expect(await findPortHolder(lsof, 3000)).toBe('node (pid 77)');
    const proxy = fakeExec((cmd) => (cmd === 'docker' ? { code: 1 } : cmd === 'ss' ? { stdout: 'LISTEN users:(("docker-proxy",pid=5,fd=4))' } : undefined));
    expect(await findPortHolder(proxy, 9200)).toBe('a Docker container (docker-proxy (pid 5); `docker ps` names it)');
  });
});

describe('probePort', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('sees a real listener on 127.0.0.1 and a free port after it closes', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await probePort(port)).toBe('in-use');
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await probePort(port)).toBe('free');
  });
});
