import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeEnvironment } from '../../../scripts/lib/config/compose-env.ts';
import { allServices, groupsOf, PROFILE_NAMES, profilePlanOf, stackConfigOf, type ProfileName } from '../../../scripts/lib/config/stack-config.ts';
import { createCompose, imagesOf } from '../../../scripts/lib/compose/compose.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { cleanEnv, exampleValues, fileMissing, requireOrSkip, toolMissing, type SkipContext } from './tools.ts';

interface ComposeService {
  profiles?: string[];
  depends_on?: Record<string, { required?: boolean }>;
}

// merge: the services take depends_on from anchors (`<<: *catalog-api`).
const file = parse(readFileSync(paths.composeFile, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const dir = mkdtempSync(join(tmpdir(), 'compose-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** compose.yaml as Compose renders it for one profile (example .env, dummy passwords). */
async function render(ctx: SkipContext, profile: ProfileName) {
  requireOrSkip(ctx, fileMissing('compose/compose.yaml'));
  requireOrSkip(ctx, await toolMissing('docker', ['compose', 'version']));
  const values = exampleValues();
  const envFile = join(dir, `${profile}.env`);
  writeFileSync(envFile, Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n'));
  const env = composeEnvironment({ values, origins: {} }, cleanEnv(), stackConfigOf(values, profile));
  return createCompose({ envFiles: [paths.versionsFile, envFile], env }).config();
}

describe('compose.yaml profiles against profiles-config.ts', () => {
  it('has exactly the services profiles-config.ts knows, each with its groups as `profiles:` (none for core)', () => {
    expect(Object.keys(file.services).sort()).toEqual(allServices().sort());
    for (const [service, definition] of Object.entries(file.services)) {
      expect({ service, profiles: [...(definition.profiles ?? [])].sort() }).toEqual({ service, profiles: groupsOf(service).sort() });
    }
  });

  it('marks every depends_on on a service of another part `required: false`, so a profile never drags it in', () => {
    const dragging = Object.entries(file.services).flatMap(([service, definition]) =>
      Object.entries(definition.depends_on ?? {})
        // A dependency is safe when every profile that runs the service also runs it.
        .filter(([dependency, how]) => how.required !== false && PROFILE_NAMES.some((name) => profilePlanOf(name).services.includes(service) && !profilePlanOf(name).services.includes(dependency)))
        .map(([dependency]) => `${service} → ${dependency}`),
    );
    expect(dragging).toEqual([]);
  });

  it("lets HAProxy start without the services a profile leaves out: every server resolves at run time (init-addr none, Docker's DNS)", () => {
    const cfg = readFileSync(join(paths.repoRoot, 'haproxy', 'haproxy.cfg'), 'utf8');
    // One defaults section, whose default-server every backend and listen section inherits.
    expect(cfg.match(/^defaults\b/gm)).toHaveLength(1);
    expect(cfg).toMatch(/^\s*default-server .*\binit-addr none\b.*\bresolvers docker\b/m);
    const servers = cfg.split('\n').filter((line) => /^\s*server /.test(line));
    const hosts = servers.map((line) => /^\s*server \S+ ([\w-]+):\d+/.exec(line)?.[1]);
    // The left-out services HAProxy names, none of them overriding the run-time resolution.
    expect(hosts.filter((host) => host && profilePlanOf('core').off.has(host)).sort()).toEqual(['booking', 'connect', 'elasticsearch', 'images', 'inventory', 'payment']);
    expect(servers.filter((line) => /\binit-addr\b|\bno-resolvers\b/.test(line))).toEqual([]);
  });

  for (const name of PROFILE_NAMES) {
    it(`renders profile ${name} with its services only, and only their images`, { timeout: 60_000 }, async (ctx) => {
      const model = await render(ctx, name);
      const plan = profilePlanOf(name);
      expect(Object.keys(model.services).sort()).toEqual([...plan.services].sort());
      if (name === 'core') {
        // No JVM image to pull: Kafka, Connect, Elasticsearch and S3Proxy are all left out.
        expect(imagesOf(model).filter((image) => /kafka|connect|elasticsearch|s3proxy/.test(image))).toEqual([]);
      }
    });
  }
});
