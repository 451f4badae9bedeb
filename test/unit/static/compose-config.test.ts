import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeEnvironment } from '../../../scripts/lib/config/compose-env.ts';
import { stackTopics } from '../../../scripts/lib/config/kafka-topics.ts';
import { parseTopicsVariable } from '../../../services/kafka-init/contract.ts';
import { LAPTOP_JVM_OPTIONS, stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { localBuildsOf, SOURCE_LABEL } from '../../../scripts/lib/build/local-builds.ts';
import { createCompose, type ComposeModel } from '../../../scripts/lib/compose/compose.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { CONTAINER_DIST } from '../../../scripts/lib/dev/reload-services.ts';
import { servicePrograms } from '../../../scripts/lib/dev/service-programs.ts';
import { cleanEnv, exampleValues, fileMissing, requireOrSkip, toolMissing, type SkipContext } from './tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'compose-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rendered = new Map<string, Promise<ComposeModel>>();

/** `docker compose config` on compose.yaml with the example .env (dummy passwords); memoized. */
async function render(ctx: SkipContext, overrides: Record<string, string> = {}): Promise<ComposeModel> {
  requireOrSkip(ctx, fileMissing('compose/compose.yaml'));
  requireOrSkip(ctx, await toolMissing('docker', ['compose', 'version']));
  const key = JSON.stringify(overrides);
  if (!rendered.has(key)) rendered.set(key, renderFresh(overrides));
  return rendered.get(key)!;
}

async function renderFresh(overrides: Record<string, string>): Promise<ComposeModel> {
  const values = { ...exampleValues(), ...overrides };
  const envFile = join(dir, `${Object.keys(overrides).join('-') || 'default'}.env`);
  writeFileSync(envFile, Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n'));
  const stack = stackConfigOf(values);
  const env = composeEnvironment({ values, origins: {} }, cleanEnv(), stack);
  // An engine with healthcheck start_interval, so the overlay a lever asks for is merged (compose-files.ts).
  return createCompose({ envFiles: [paths.versionsFile, envFile], env, startLevers: stack.startLevers, engineApi: async () => '1.44' }).config();
}

describe('compose/compose.yaml', () => {
  it('renders with the example .env, and every published port binds to 127.0.0.1', { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx);
    const published = Object.entries(model.services).flatMap(([service, s]) => (s.ports ?? []).map((p) => ({ service, ...p })));
    expect(published.length).toBeGreaterThan(0);
    const exposed = published.filter((p) => p.host_ip !== '127.0.0.1').map((p) => `${p.service}:${p.published ?? '?'}->${p.target}`);
    expect(exposed).toEqual([]);
  });

  it('publishes each host port from its .env variable', { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx, { HTTP_PORT: '18080', MYSQL_PORT: '13306' });
    const hostPorts = Object.values(model.services).flatMap((s) => (s.ports ?? []).map((p) => String(p.published)));
    expect(hostPorts).toEqual(expect.arrayContaining(['18080', '8404', '13306', '9092', '8083', '9200']));
  });

  it('publishes HTTPS_PORT on HAProxy\'s TLS listener, and gives HAProxy the server pair as a copied secret, never a host file', { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx, { HTTPS_PORT: '18443' });
    const haproxy = model.services.haproxy!;
    expect((haproxy.ports ?? []).map((p) => `${p.host_ip}:${p.published}->${p.target}`)).toContain('127.0.0.1:18443->8443');
    expect((haproxy as { secrets?: unknown[] }).secrets).toEqual([expect.objectContaining({ source: 'edge_tls', target: '/usr/local/etc/haproxy/tls/edge.pem', mode: 0o444 })]);
    expect((model as { secrets?: Record<string, { environment?: string }> }).secrets?.edge_tls?.environment).toBe('EDGE_TLS_PEM');
    // Nothing of .tls/ is mounted into any container: the CA key stays on the host.
    const mounts = Object.values(model.services).flatMap((s) => ((s as { volumes?: Array<{ source?: string }> }).volumes ?? []).map((v) => v.source ?? ''));
    expect(mounts.filter((source) => source.includes('.tls'))).toEqual([]);
  });

  it('recreates HAProxy alone when the server certificate is renewed: its fingerprint is part of the service\'s hash', { timeout: 60_000 }, async (ctx) => {
    requireOrSkip(ctx, await toolMissing('docker', ['compose', 'version']));
    const values = exampleValues();
    const envFile = join(dir, 'renewal.env');
    writeFileSync(envFile, Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n'));
    const hashesWith = (pem: string, fingerprint: string) =>
      createCompose({ envFiles: [paths.versionsFile, envFile], env: composeEnvironment({ values, origins: {} }, cleanEnv(), stackConfigOf(values), { EDGE_TLS_PEM: pem, EDGE_TLS_FINGERPRINT: fingerprint }) }).serviceHashes();
    const [before, renewed, contentOnly] = await Promise.all([hashesWith('old pem', 'AA:01'), hashesWith('new pem', 'BB:02'), hashesWith('new pem', 'AA:01')]);
    const changedIn = (after: Map<string, string>) => [...before.keys()].filter((service) => before.get(service) !== after.get(service));
    expect(changedIn(renewed)).toEqual(['haproxy']);
    // Why the fingerprint is there: Compose leaves a secret's content out of the hash.
    expect(changedIn(contentOnly)).toEqual([]);
  });

  it("gives Connect .env's CONNECT_PLUGIN_DISCOVERY, service_load unless it says otherwise", { timeout: 60_000 }, async (ctx) => {
    expect((await render(ctx)).services.connect?.environment?.CONNECT_PLUGIN_DISCOVERY).toBe('service_load');
    expect((await render(ctx, { CONNECT_PLUGIN_DISCOVERY: 'only_scan' })).services.connect?.environment?.CONNECT_PLUGIN_DISCOVERY).toBe('only_scan');
  });

  it('starts Elasticsearch without the unused X-Pack features only with ELASTICSEARCH_LEAN=on', { timeout: 60_000 }, async (ctx) => {
    const lean = ['xpack.ml.enabled', 'xpack.watcher.enabled', 'xpack.graph.enabled', 'xpack.profiling.enabled', 'xpack.apm_data.enabled', 'xpack.ent_search.enabled'];
    const full = (await render(ctx)).services.elasticsearch!.environment!;
    expect(lean.filter((setting) => setting in full)).toEqual([]);
    const on = (await render(ctx, { ELASTICSEARCH_LEAN: 'on' })).services.elasticsearch!.environment!;
    expect(Object.fromEntries(lean.map((setting) => [setting, on[setting]]))).toEqual(Object.fromEntries(lean.map((setting) => [setting, 'false'])));
    // The rest of its settings stay.
    expect(on['discovery.type']).toBe('single-node');
  });

  it('gives every healthcheck the start_interval of HEALTHCHECK_START_INTERVAL, keeping the rest of it', { timeout: 60_000 }, async (ctx) => {
    type Check = { disable?: boolean; start_interval?: string; interval?: string; test?: string[] };
    const checked = (model: ComposeModel) => Object.entries(model.services).filter(([, service]) => service.healthcheck && !service.healthcheck.disable);
    const plain = await render(ctx);
    expect(checked(plain).filter(([, service]) => (service.healthcheck as Check).start_interval !== undefined)).toEqual([]);
    const fast = await render(ctx, { HEALTHCHECK_START_INTERVAL: '1s' });
    const intervals = Object.fromEntries(checked(fast).map(([name, service]) => [name, (service.healthcheck as Check).start_interval]));
    expect(Object.keys(intervals).sort()).toEqual(checked(plain).map(([name]) => name).sort());
    expect(new Set(Object.values(intervals))).toEqual(new Set(['1s']));
    expect(fast.services.connect!.healthcheck!.test).toEqual(plain.services.connect!.healthcheck!.test);
    expect((fast.services.connect!.healthcheck as Check).interval).toBe('5s');
  });

  it('relaxes to service_started, with EARLY_START=on, only the health gates whose dependent waits on its own', { timeout: 60_000 }, async (ctx) => {
    const gates = (model: ComposeModel) =>
      Object.fromEntries(Object.entries(model.services).flatMap(([service, s]) => Object.entries(s.depends_on ?? {}).map(([dependency, how]) => [`${service} → ${dependency}`, how.condition])));
    const plain = gates(await render(ctx));
    const early = gates(await render(ctx, { EARLY_START: 'on' }));
    const relaxed = ['db-setup → mysql', 'kafka-init → kafka', 'connect → kafka', 'connect → mysql'];
    for (const gate of relaxed) {
      expect(plain[gate], gate).toBe('service_healthy');
      expect(early[gate], gate).toBe('service_started');
    }
    // Every other gate is as compose.yaml has it: object-store-init makes one request and does not wait.
    expect(Object.keys(early).sort()).toEqual(Object.keys(plain).sort());
    expect(Object.fromEntries(Object.entries(early).filter(([gate]) => !relaxed.includes(gate)))).toEqual(Object.fromEntries(Object.entries(plain).filter(([gate]) => !relaxed.includes(gate))));
    expect(early['object-store-init → object-store']).toBe('service_healthy');
  });

  it('publishes Connect and Elasticsearch only through HAProxy\'s Host-checking admin listeners', { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx, { CONNECT_PORT: '18083', ELASTICSEARCH_PORT: '19200' });
    expect(model.services.connect?.ports ?? []).toEqual([]);
    expect(model.services.elasticsearch?.ports ?? []).toEqual([]);
    const haproxy = model.services.haproxy!;
    expect((haproxy.ports ?? []).map((p) => `${p.published}->${p.target}`)).toEqual(expect.arrayContaining(['18083->8083', '19200->9200']));
    // haproxy.cfg accepts Host with the published port, which it learns from these.
    expect(haproxy.environment).toMatchObject({ CONNECT_PORT: '18083', ELASTICSEARCH_PORT: '19200' });
  });

  it('hands .env\'s JVM options to every JVM, in the variable each one reads', { timeout: 60_000 }, async (ctx) => {
    const probe = '-Ddevstack.jvm.probe=static';
    const model = await render(ctx, { JAVA_TOOL_OPTIONS: probe });
    const expected = `${LAPTOP_JVM_OPTIONS} ${probe}`;
    for (const service of ['kafka', 'connect']) {
      expect(model.services[service]?.environment?.JAVA_TOOL_OPTIONS, service).toBe(expected);
    }
    // Elasticsearch's launcher unsets JAVA_TOOL_OPTIONS: its own variables carry the value.
    const elasticsearch = model.services.elasticsearch?.environment ?? {};
    expect(elasticsearch.ES_JAVA_OPTS).toContain(expected);
    expect(elasticsearch.CLI_JAVA_OPTS).toBe(expected);
  });

  it('runs kafka-init on the services image with the list of kafka/topics.json, its names filled by the typed config', { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx);
    const init = model.services['kafka-init']!;
    expect(init.image).toBe(model.services['db-setup']!.image);
    expect(parseTopicsVariable(init.environment?.KAFKA_TOPICS)).toEqual(stackTopics(stackConfigOf(exampleValues())));
    // No JVM any more: nothing for JAVA_TOOL_OPTIONS to reach.
    expect(init.environment?.JAVA_TOOL_OPTIONS).toBeUndefined();
  });

  it('gives the JVMs no laptop options when .env sets JVM_LAPTOP_OPTS empty', { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx, { JVM_LAPTOP_OPTS: '', JAVA_TOOL_OPTIONS: '' });
    for (const service of ['kafka', 'connect']) {
      expect(model.services[service]?.environment?.JAVA_TOOL_OPTIONS ?? '', service).toBe('');
    }
    expect(model.services.elasticsearch?.environment?.ES_JAVA_OPTS).toMatch(/^-Xms512m -Xmx512m *$/);
  });

  it("builds exactly the orchestrator's local images, labelled with their source fingerprint and never pulled", { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx, { SERVICES_SOURCE: 'fp-services', WEB_SOURCE: 'fp-web' });
    const built = Object.entries(model.services)
      .filter(([, service]) => service.build !== undefined)
      .map(([name, service]) => {
        const build = service.build as { dockerfile?: string; labels?: Record<string, string> };
        return { name, image: service.image, pull: service.pull_policy, dockerfile: build.dockerfile, label: build.labels?.[SOURCE_LABEL] };
      });
    const values = { SERVICES_SOURCE: 'fp-services', WEB_SOURCE: 'fp-web' } as Record<string, string>;
    expect(built).toEqual(
      localBuildsOf(stackConfigOf(exampleValues()).localImageTag).map((b) => ({ name: b.service, image: b.image, pull: 'never', dockerfile: b.dockerfile, label: values[b.fingerprintVariable] })),
    );
  });

  it('tags the local images with the Compose project, so two projects never share a build', { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx, { COMPOSE_PROJECT_NAME: 'second-checkout' });
    const images = new Set(Object.values(model.services).map((service) => service.image).filter((image) => image?.startsWith('booking-devstack/')));
    expect([...images].sort()).toEqual(['booking-devstack/services:second-checkout', 'booking-devstack/web:second-checkout']);
  });

  it('has the services the orchestrator knows', { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx);
    expect(Object.keys(model.services).sort()).toEqual(['booking', 'catalog-api-1', 'catalog-api-2', 'connect', 'db-setup', 'elasticsearch', 'haproxy', 'images', 'inventory', 'kafka', 'kafka-init', 'mysql', 'object-store', 'object-store-init', 'payment', 'search-indexer', 'web']);
  });

  it("gives catalog-api the page's own origins and the dev server's as CORS_ORIGINS, from the typed config", { timeout: 60_000 }, async (ctx) => {
    const model = await render(ctx, { HTTP_PORT: '18080', HTTPS_PORT: '18443', WEB_DEV_PORT: '15173' });
    for (const service of ['catalog-api-1', 'catalog-api-2']) {
      expect(model.services[service]?.environment?.CORS_ORIGINS, service).toBe('http://localhost:18080,http://127.0.0.1:18080,https://localhost:18443,https://127.0.0.1:18443,http://127.0.0.1:15173');
    }
  });

  it('builds the front end from this repository with the pinned Node image, health-checked', { timeout: 60_000 }, async (ctx) => {
    const values = exampleValues();
    const web = (await render(ctx)).services.web as { build?: { dockerfile?: string; args?: Record<string, string> }; healthcheck?: { test?: string[] }; ports?: unknown[] };
    expect(web.build?.dockerfile).toBe('compose/web.Dockerfile');
    expect(web.build?.args?.NODE_IMAGE).toBe(`node:${values.NODE_VERSION}-bookworm-slim`);
    expect(web.healthcheck?.test?.join(' ')).toContain('/healthz');
    // Reached only through HAProxy.
    expect(web.ports ?? []).toEqual([]);
  });

  it('runs MariaDB when DB_ENGINE=mariadb', { timeout: 60_000 }, async (ctx) => {
    const values = exampleValues();
    const model = await render(ctx, { DB_ENGINE: 'mariadb' });
    expect(model.services.mysql?.image).toBe(`mariadb:${values.MARIADB_VERSION}`);
    const mysql = await render(ctx);
    expect(mysql.services.mysql?.image).toBe(`mysql:${values.MYSQL_VERSION}`);
  });

  it("lets npm run dev find each service's code and healthcheck, where the image keeps the compiled services", { timeout: 60_000 }, async (ctx) => {
    const programs = servicePrograms(await render(ctx));
    const by = new Map(programs.map((program) => [program.service, program]));
    expect(by.get('catalog-api-2')).toMatchObject({ folder: 'catalog-api', oneShot: false, healthcheck: ['CMD', 'bash', '-c', expect.stringContaining('/dev/tcp/127.0.0.1/3000')] });
    expect(by.get('search-indexer')?.healthcheck?.join(' ')).toContain('/dev/tcp/127.0.0.1/3001');
    expect(by.get('db-setup')).toMatchObject({ folder: 'db-setup', oneShot: true });
    expect(by.get('kafka-init')).toMatchObject({ folder: 'kafka-init', oneShot: true, healthcheck: undefined });
    expect([...by.keys()].sort()).toEqual(['booking', 'catalog-api-1', 'catalog-api-2', 'db-setup', 'images', 'inventory', 'kafka-init', 'object-store-init', 'payment', 'search-indexer']);
    // dev copies compiled files to CONTAINER_DIST: the image's WORKDIR and its copy of services/dist.
    const dockerfile = readFileSync(join(paths.repoRoot, 'compose', 'services.Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
    expect(dockerfile).toContain('COPY --from=build /app/services/dist ./services/dist');
    expect(CONTAINER_DIST).toBe('/app/services/dist');
  });
});
