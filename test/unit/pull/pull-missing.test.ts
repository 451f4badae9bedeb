import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../../scripts/lib/compose/compose.ts';
import { UserError } from '../../../scripts/lib/errors.ts';
import { pullMissingImages } from '../../../scripts/lib/pull/pull-missing.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const model: ComposeModel = {
  services: {
    haproxy: { image: 'haproxy:3.2' },
    elasticsearch: { image: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.21' },
    'catalog-api-1': { image: 'booking-devstack/services:dev', build: {}, pull_policy: 'build' },
  },
};

function recordingOut() {
  const lines: string[] = [];
  return { lines, out: { line: (text = '') => void lines.push(text), status: () => {}, green: (t: string) => t, dim: (t: string) => t } };
}

describe('pullMissingImages', () => {
  it('pulls only what is missing, one service per Compose call, and reports each image and the total', async () => {
    const pulled: string[] = [];
    const { lines, out } = recordingOut();
    const compose = {
      config: async () => model,
      pull: async (service: string, { onOutput }: { onOutput?: (chunk: string) => void } = {}) => {
        pulled.push(service);
        onOutput?.(' 1f3e46996e29 Downloading [=>  ]  1MB/2MB\n 1f3e46996e29 Pull compl');
        onOutput?.('ete \n haproxy Pulled \n');
      },
    };
    const outcome = await pullMissingImages({ compose, presentImages: async () => new Set(['docker.elastic.co/elasticsearch/elasticsearch:8.19.21']), imageVariables: {}, out, clock: fakeClock() });
    expect(pulled).toEqual(['haproxy']);
    expect(outcome.bytes).toBe(2_000_000);
    expect(lines.filter((line) => line.startsWith('  ✔ haproxy:3.2 layers 1/1, 2.0 MB of 2.0 MB ('))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^pulled 1 image\(s\), 2\.0 MB in /);
  });

  it('says nothing and calls no pull when every image is present', async () => {
    const { lines, out } = recordingOut();
    const compose = { config: async () => model, pull: async () => { throw new Error('must not pull'); } };
    const present = new Set(['haproxy:3.2', 'docker.elastic.co/elasticsearch/elasticsearch:8.19.21']);
    expect((await pullMissingImages({ compose, presentImages: async () => present, imageVariables: {}, out, clock: fakeClock() })).pulled).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('turns failed pulls into one message per cause', async () => {
    const { out } = recordingOut();
    const compose = {
      config: async () => model,
      pull: async (service: string) => {
        throw Object.assign(new Error('docker compose pull failed (exit 18)'), { stderr: `Error response from daemon: Get "https://x.example/v2/": dial tcp: lookup x.example: no such host (${service})` });
      },
    };
    const error = await pullMissingImages({ compose, presentImages: async () => new Set(), imageVariables: {}, out, clock: fakeClock() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('cannot reach the image registry (x.example: name not resolved), so the missing images cannot be pulled: docker.elastic.co/elasticsearch/elasticsearch:8.19.21, haproxy:3.2');
  });
});
