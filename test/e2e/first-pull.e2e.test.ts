/**
 * The first `up` on a machine that cannot reach a registry (issue 12). CI has no
 * registry access, so the official Elasticsearch image (ELASTICSEARCH_IMAGE empty →
 * docker.elastic.co/..., see compose/compose.yaml) cannot be pulled there: `up` must
 * say so once, with the network fix, within seconds, before anything starts. The
 * other images are CI's local builds (.cache/ci-images/images.env): present, so never
 * pulled. Whatever the stack was before (other files leave it running or not), no
 * container is created or restarted.
 *
 * Needs a machine without the official image and without registry access, as CI is.
 */
import { expect, test } from 'vitest';
import { loadConfig } from '../../scripts/lib/config/load-config.ts';
import { runCli } from './support/run-cli.ts';
import { containers, docker } from './support/running-stack.ts';

const UNREACHABLE = /^✖ cannot reach the image registry \(docker\.elastic\.co: [^)]+\), so the missing images cannot be pulled: docker\.elastic\.co\/elasticsearch\/elasticsearch:[\d.]+$/m;

test('up with an official image it cannot pull fails fast with one message and starts nothing', async () => {
  const official = `docker.elastic.co/elasticsearch/elasticsearch:${loadConfig().config.values.ELASTICSEARCH_VERSION}`;
  expect(docker(['images', '-q', official]).trim(), `${official} is on this machine: this test needs a machine without it (remove it with docker rmi)`).toBe('');
  const before = containers();

  const result = await runCli(['up'], { ...process.env, ELASTICSEARCH_IMAGE: '' });

  expect(result.code).toBe(1);
  expect(result.output).toMatch(UNREACHABLE);
  expect(result.output.match(/cannot reach the image registry/g)).toHaveLength(1);
  expect(result.output).toMatch(/fix: check the network, proxy or VPN/);
  // Compose's own triple report of the failure is not shown.
  expect(result.output).not.toMatch(/Error response from daemon/);
  // Only the missing official image is pulled: CI's local images are present.
  expect(result.output).toMatch(new RegExp(`^pulling 1 missing image\\(s\\) before starting anything: ${official.replaceAll('.', '\\.')}$`, 'm'));
  // The doctor takes seconds; the failed pull itself well under one.
  expect(result.seconds).toBeLessThan(45);
  expect(containers()).toEqual(before);
});
