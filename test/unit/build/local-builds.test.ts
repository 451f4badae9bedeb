import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInContext, parseDockerignore } from '../../../scripts/lib/build/build-context.ts';
import { parseSourceLabels } from '../../../scripts/lib/build/image-labels.ts';
import { BUILD_INPUT_VARIABLES, contextFiles, localBuildsOf, planBuilds, repositoryTree, SOURCE_LABEL, sourceFingerprint, type SourceTree } from '../../../scripts/lib/build/local-builds.ts';
import { paths } from '../../../scripts/lib/paths.ts';

/** An in-memory repository: path → content. */
function tree(files: Record<string, string>): SourceTree & { files: Record<string, string> } {
  return {
    files,
    list: (dir) => {
      const entries = new Set<string>();
      for (const path of Object.keys(files).filter((p) => p.startsWith(dir))) {
        const rest = path.slice(dir.length);
        const slash = rest.indexOf('/');
        entries.add(slash === -1 ? path : `${dir}${rest.slice(0, slash + 1)}`);
      }
      return [...entries];
    },
    read: (path) => {
      if (!(path in files)) throw new Error(`no ${path}`);
      return Buffer.from(files[path]!);
    },
    isDirectory: (path) => Object.keys(files).some((p) => p.startsWith(`${path}/`)),
  };
}

const LOCAL_BUILDS = localBuildsOf('booking');
const services = LOCAL_BUILDS.find((b) => b.image === 'booking-devstack/services:booking')!;
const repo = () =>
  tree({
    'compose/services.Dockerfile': 'FROM node',
    'compose/services.Dockerfile.dockerignore': '*\n!package.json\n!services/\nservices/dist/\nservices/**/*.test.ts\nservices/**/node_modules/\n',
    'package.json': '{}',
    'services/catalog-api/main.ts': 'one',
    'services/catalog-api/main.test.ts': 'test',
    'services/dist/main.js': 'built',
    'services/lib/node_modules/x/index.js': 'dep',
    'web/src/app.tsx': 'page',
    'README.md': 'docs',
  });

describe('the build context an allow-list .dockerignore admits', () => {
  it('admits listed files and directories, minus the excluded patterns', () => {
    const rules = parseDockerignore('*\n!package.json\n!services/\nservices/dist/\nservices/**/*.test.ts\nservices/**/node_modules/\n');
    expect(isInContext('package.json', rules)).toBe(true);
    expect(isInContext('services/catalog-api/main.ts', rules)).toBe(true);
    expect(isInContext('services/dist/catalog-api/main.js', rules)).toBe(false);
    expect(isInContext('services/catalog-api/main.test.ts', rules)).toBe(false);
    expect(isInContext('services/lib/node_modules/x/index.js', rules)).toBe(false);
    expect(isInContext('README.md', rules)).toBe(false);
    expect(contextFiles(rules, repo())).toEqual(['package.json', 'services/catalog-api/main.ts']);
  });

  it('walks a directory admitted without its trailing slash', () => {
    const rules = parseDockerignore('*\n!services\nservices/dist/\n');
    expect(contextFiles(rules, repo())).toEqual(['services/catalog-api/main.test.ts', 'services/catalog-api/main.ts', 'services/lib/node_modules/x/index.js']);
  });

  it('refuses an admission after an exclusion: Docker would let it win, the fingerprint would not', () => {
    expect(() => parseDockerignore('*\n!services/\nservices/lib/\n!services/lib/keep/\n', 'x.dockerignore')).toThrow('x.dockerignore:4');
  });

  it('refuses a pattern it does not understand rather than fingerprint the wrong files', () => {
    expect(() => parseDockerignore('*\n!services/\n!services/[ab]*\n', 'x.dockerignore')).toThrow('x.dockerignore:3: "!services/[ab]*"');
    expect(() => parseDockerignore('!services/\n', 'x.dockerignore')).toThrow('must start from "*"');
  });

  it("understands every line of the repository's own .dockerignore files", () => {
    for (const build of LOCAL_BUILDS) {
      const text = readFileSync(join(paths.repoRoot, `${build.dockerfile}.dockerignore`), 'utf8');
      expect(() => parseDockerignore(text), build.dockerfile).not.toThrow();
    }
  });
});

describe('the source fingerprint of a local image', () => {
  it('changes with a context file, the Dockerfile or the Node image, and not with files outside the context', () => {
    const base = sourceFingerprint(services, repo(), { NODE_VERSION: '22' });
    const edited = (path: string, content: string) => {
      const r = repo();
      r.files[path] = content;
      return sourceFingerprint(services, r, { NODE_VERSION: '22' });
    };
    expect(edited('services/catalog-api/main.ts', 'two')).not.toBe(base);
    expect(edited('services/catalog-api/new.ts', 'new file')).not.toBe(base);
    expect(edited('compose/services.Dockerfile', 'FROM node:22')).not.toBe(base);
    expect(sourceFingerprint(services, repo(), { NODE_VERSION: '24' })).not.toBe(base);
    expect(edited('services/catalog-api/main.test.ts', 'other test')).toBe(base);
    expect(edited('services/dist/main.js', 'rebuilt')).toBe(base);
    expect(edited('web/src/app.tsx', 'other page')).toBe(base);
    expect(sourceFingerprint(services, repo(), { NODE_VERSION: '22' })).toBe(base);
  });

  it('reads the real repository for every local image', () => {
    for (const build of LOCAL_BUILDS) expect(sourceFingerprint(build, repositoryTree(paths.repoRoot), {})).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('the build inputs', () => {
  it("are every variable the build arguments of compose.yaml's build anchors read", () => {
    const compose = readFileSync(join(paths.repoRoot, 'compose', 'compose.yaml'), 'utf8');
    const argsBlocks = [...compose.matchAll(/^ {2}args:\n((?: {4}.*\n)+)/gm)].map((match) => match[1]!);
    expect(argsBlocks.length).toBe(LOCAL_BUILDS.length);
    const read = new Set(argsBlocks.flatMap((block) => [...block.matchAll(/\$\{(\w+)/g)].map((match) => match[1]!)));
    expect([...read].sort()).toEqual([...BUILD_INPUT_VARIABLES].sort());
  });
});

describe('which local images up builds', () => {
  const [first, second] = LOCAL_BUILDS;
  const fingerprints = new Map([
    [first!, 'aaa'],
    [second!, 'bbb'],
  ]);

  it('builds a missing image and one built from other sources (or before labels existed), and nothing else', () => {
    expect(planBuilds(fingerprints, new Map([[first!.image, 'aaa'], [second!.image, 'bbb']]), false)).toEqual([]);
    expect(planBuilds(fingerprints, new Map([[first!.image, 'aaa']]), false).map((p) => [p.build.image, p.reason])).toEqual([[second!.image, 'missing']]);
    expect(planBuilds(fingerprints, new Map([[first!.image, 'old'], [second!.image, '']]), false).map((p) => p.reason)).toEqual(['sources changed', 'sources changed']);
  });

  it('--build builds every local image, saying why', () => {
    expect(planBuilds(fingerprints, new Map([[first!.image, 'aaa'], [second!.image, 'bbb']]), true).map((p) => [p.reason, p.fingerprint])).toEqual([
      ['asked (--build)', 'aaa'],
      ['asked (--build)', 'bbb'],
    ]);
  });

  it("reads each present image's label from one docker image inspect, a missing image being absent", () => {
    const stdout = `["booking-devstack/services:dev"]\t{"${SOURCE_LABEL}":"aaa","booking.inputs":"x"}\n["booking-devstack/web:dev","other:tag"]\tnull\n`;
    const labels = parseSourceLabels(stdout, ['booking-devstack/services:dev', 'booking-devstack/web:dev', 'booking-devstack/gone:dev']);
    expect([...labels]).toEqual([
      ['booking-devstack/services:dev', 'aaa'],
      ['booking-devstack/web:dev', ''],
    ]);
  });
});
