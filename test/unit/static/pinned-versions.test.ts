/**
 * Every upstream version is an exact release: a floating tag (`8.4`, `22`, `latest`,
 * `22-bookworm-slim`) gives two laptops, or a laptop and CI, different software under
 * the same name. Checked where versions are written: compose/versions.env, the image
 * defaults of compose.yaml, every Dockerfile's base images, and the generated k8s/.
 * The project's own images (built locally, never pulled) are the exception.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { paths } from '../../../scripts/lib/paths.ts';
import { committedFields } from '../k8s/committed.ts';

/** major.minor.patch, then anything (`.Final`, `-bookworm-slim`); or a digest. */
const EXACT = /^(v?\d+\.\d+\.\d+(?:[.+-][0-9A-Za-z.+-]*)?|.*@sha256:[0-9a-f]{64})$/;
/** Images this repository builds itself: tagged by build (`dev`) or release, never pulled from a registry. */
const OWN_IMAGE = /(^|\/)(booking-devstack|booking-local)\//;

const repoFile = (...parts: string[]) => readFileSync(join(paths.repoRoot, ...parts), 'utf8');

function versionsOf(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!.trim()]));
}

/** The tag of an image reference (after the last `:` that is not part of a registry's host:port). */
function tagOf(image: string): string {
  if (image.includes('@sha256:')) return image;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon === -1 ? 'latest' : image.slice(colon + 1);
}

/** `${NAME:-default}` → the default with ${VERSION} variables filled from versions.env. */
function composeDefault(value: string, versions: Record<string, string>): string {
  const fallback = value.match(/^\$\{[A-Z_]+:-(.*)\}$/)?.[1] ?? value;
  return fallback.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => versions[name] ?? whole);
}

function floating(images: { where: string; image: string }[]): string[] {
  return images.filter(({ image }) => !OWN_IMAGE.test(image) && !EXACT.test(tagOf(image))).map(({ where, image }) => `${where}: ${image}`);
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(paths.repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => relative(paths.repoRoot, join(entry.parentPath, entry.name)));
}

describe('versions are exact releases', () => {
  const versions = versionsOf(repoFile('compose', 'versions.env'));

  it('the rule refuses floating tags and accepts exact ones', () => {
    const judge = (image: string) => floating([{ where: 'x', image }]).length === 0;
    for (const image of ['haproxy:3.2', 'mysql:8.4', 'node:22-bookworm-slim', 'node:22', 'mysql', 'mysql:latest', 'registry:5000/x/y:8']) expect(judge(image), image).toBe(false);
    for (const image of ['haproxy:3.2.22', 'node:22.23.2-bookworm-slim', 'quay.io/debezium/connect:3.5.0.Final', 'kind-registry:5000/a/b:3.5.0.Final', 'booking-devstack/services:dev', `mysql@sha256:${'a'.repeat(64)}`]) expect(judge(image), image).toBe(true);
  });

  it('compose/versions.env pins every *_VERSION to major.minor.patch', () => {
    const entries = Object.entries(versions).filter(([name]) => name.endsWith('_VERSION'));
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.filter(([, value]) => !EXACT.test(value)).map(([name, value]) => `${name}=${value}`)).toEqual([]);
  });

  it("compose.yaml's image defaults and build arguments resolve to exact tags", () => {
    const compose = parse(repoFile('compose', 'compose.yaml')) as { services: Record<string, { image?: string; build?: { args?: Record<string, string> } }> };
    const images = Object.entries(compose.services).flatMap(([service, { image, build }]) => [
      ...(image ? [{ where: `compose.yaml ${service}`, image: composeDefault(image, versions) }] : []),
      ...Object.entries(build?.args ?? {}).filter(([arg]) => arg.endsWith('_IMAGE')).map(([arg, value]) => ({ where: `compose.yaml ${service} ${arg}`, image: composeDefault(value, versions) })),
    ]);
    expect(images.length).toBeGreaterThan(8);
    expect(floating(images)).toEqual([]);
  });

  it("every Dockerfile's base images (FROM, and ARG defaults of *_IMAGE) are exact", () => {
    const dockerfiles = [...filesUnder('compose', (name) => name.endsWith('Dockerfile')), ...filesUnder('ci/images', (name) => name === 'Dockerfile')];
    expect(dockerfiles.length).toBeGreaterThan(3);
    const images = dockerfiles.flatMap((file) => {
      const text = repoFile(file);
      const args = [...text.matchAll(/^ARG\s+([A-Z_]+_IMAGE)=(\S+)/gm)].map(([, , image]) => ({ where: file, image: image! }));
      const stages = [...text.matchAll(/^FROM\s+(?:--\S+\s+)*(\S+)/gm)].map(([, image]) => image!).filter((image) => !image.startsWith('$'));
      return [...args, ...stages.map((image) => ({ where: file, image }))];
    });
    expect(images.length).toBeGreaterThan(3);
    expect(floating(images)).toEqual([]);
  });

  it('the NODE_IMAGE default of the Dockerfiles is the one compose.yaml builds with', () => {
    const fromCompose = composeDefault('${NODE_IMAGE:-node:${NODE_VERSION}-bookworm-slim}', versions);
    for (const file of ['services.Dockerfile', 'web.Dockerfile']) expect(repoFile('compose', file)).toContain(`ARG NODE_IMAGE=${fromCompose}\n`);
    expect(repoFile('compose', 'compose.yaml')).toContain('NODE_IMAGE: ${NODE_IMAGE:-node:${NODE_VERSION}-bookworm-slim}');
  });

  it('k8s/ runs exact images and exact Kafka and Elasticsearch versions', () => {
    const images = committedFields(['image', 'version'])
      .filter(({ value }) => typeof value === 'string')
      .map(({ file, key, value }) => ({ where: `${file} ${key}`, image: key === 'image' ? String(value) : `version:${String(value)}` }));
    expect(images.filter(({ image }) => !OWN_IMAGE.test(image)).length).toBeGreaterThan(3);
    expect(floating(images)).toEqual([]);
  });
});
