import { describe, expect, it } from 'vitest';
import { classifyPullFailure, errorLineOf, registryHostOf, registryOfImage } from '../../../scripts/lib/pull/pull-failure.ts';
import { pullFailureError } from '../../../scripts/lib/pull/pull-report.ts';

// Output as Docker and Compose 2.26 print it (plain progress), and as users quote it in
// moby/moby, docker/for-win and docker/hub-feedback issues.
const unreachableDns = [
  ' elasticsearch Pulling ',
  ' elasticsearch Error Get "https://docker.elastic.co/v2/": dial tcp: lookup docker.elastic.co on 10.255.255.53:53: no such host',
  'Error response from daemon: Get "https://docker.elastic.co/v2/": dial tcp: lookup docker.elastic.co on 10.255.255.53:53: no such host',
].join('\n');
const unreachableTimeout = 'Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)';
const unreachableProxy = 'Error response from daemon: Get "https://quay.io/v2/": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused';
const unreachableTls = 'Error response from daemon: Get "https://registry-1.docker.io/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority';
const rateLimit = [
  ' haproxy Pulling ',
  ' haproxy Error toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
  'Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
].join('\n');
const manifestUnknown = [
  ' haproxy Pulling ',
  ' haproxy Error manifest for haproxy:9.9 not found: manifest unknown: manifest unknown',
  'Error response from daemon: manifest for haproxy:9.9 not found: manifest unknown: manifest unknown',
].join('\n');
const accessDenied = "Error response from daemon: pull access denied for booking-local/kafka, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
const noSpace = [
  ' 3b718ff9fe6e Extracting [==================================================>]  3.44MB/3.44MB',
  'failed to register layer: Error processing tar file(exit status 1): write /usr/share/elasticsearch/lib/not-found-helper.jar: no space left on device',
].join('\n');

describe('classifyPullFailure', () => {
  it.each([
    ['a registry name that does not resolve', unreachableDns, 'unreachable'],
    ['a connection that times out', unreachableTimeout, 'unreachable'],
    ['a proxy that refuses', unreachableProxy, 'unreachable'],
    ['a proxy that intercepts TLS', unreachableTls, 'unreachable'],
    ["Docker Hub's anonymous rate limit", rateLimit, 'rate-limit'],
    ['a tag that does not exist', manifestUnknown, 'not-found'],
    ['a repository that does not exist', accessDenied, 'not-found'],
    ['a full disk (even when the path says not-found)', noSpace, 'no-space'],
    ['anything else', 'Error response from daemon: unexpected EOF', 'other'],
  ])('%s', (_name, output, cause) => {
    expect(classifyPullFailure(output)).toBe(cause);
  });
});

describe('registry names', () => {
  it('reads the host a failed request named, or the image reference', () => {
    expect(registryHostOf(unreachableDns)).toBe('docker.elastic.co');
    expect(registryHostOf('dial tcp: lookup quay.io: no such host')).toBe('quay.io');
    expect(registryOfImage('haproxy:3.2')).toBe('registry-1.docker.io');
    expect(registryOfImage('apache/kafka:4.1.1')).toBe('registry-1.docker.io');
    expect(registryOfImage('quay.io/debezium/connect:3.5.0.Final')).toBe('quay.io');
    expect(registryOfImage('localhost:5000/kafka:1')).toBe('localhost:5000');
  });

  it("keeps the daemon's own error line, without its prefix", () => {
    expect(errorLineOf(manifestUnknown)).toBe('manifest for haproxy:9.9 not found: manifest unknown: manifest unknown');
  });
});

describe('pullFailureError', () => {
  it('says an unreachable registry once, naming every image it stopped, with the network fix', () => {
    const error = pullFailureError([
      { image: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.21', output: unreachableDns },
      { image: 'haproxy:3.2', output: unreachableDns.replaceAll('docker.elastic.co', 'registry-1.docker.io') },
    ]);
    expect(error.message).toBe(
      'cannot reach the image registry (docker.elastic.co, registry-1.docker.io: name not resolved), so the missing images cannot be pulled: docker.elastic.co/elasticsearch/elasticsearch:8.19.21, haproxy:3.2',
    );
    expect(error.fix).toMatch(/network, proxy or VPN.*Docker Desktop: Settings → Resources → Proxies/);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('sends the rate limit to docker login', () => {
    const error = pullFailureError([{ image: 'haproxy:3.2', output: rateLimit }]);
    expect(error.message).toBe('Docker Hub refused to pull haproxy:3.2: the anonymous pull rate limit is reached (toomanyrequests)');
    expect(error.fix).toMatch(/^docker login/);
  });

  it('names the variable behind an image that does not exist', () => {
    const error = pullFailureError([{ image: 'booking-local/kafka:4.1.1', variable: 'KAFKA_IMAGE', output: accessDenied }]);
    expect(error.message).toMatch(/^image not found in its registry: booking-local\/kafka:4\.1\.1 \(KAFKA_IMAGE\)/);
    expect(error.fix).toMatch(/KAFKA_IMAGE in \.env/);
    expect(pullFailureError([{ image: 'haproxy:9.9', output: manifestUnknown }]).fix).toMatch(/compose\/versions\.env/);
  });

  it('sends a full disk to docker system prune', () => {
    const error = pullFailureError([{ image: 'elasticsearch:8.19.21', output: noSpace }]);
    expect(error.message).toBe('no space left on device while pulling elasticsearch:8.19.21');
    expect(error.fix).toMatch(/docker system prune/);
  });

  it('gives one message per cause when causes differ', () => {
    const error = pullFailureError([
      { image: 'haproxy:3.2', output: rateLimit },
      { image: 'quay.io/debezium/connect:3.5.0.Final', output: unreachableProxy },
    ]);
    const lines = error.message.split('\n');
    expect(lines.filter((line) => line.startsWith('cannot reach'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('✖ Docker Hub refused'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('  fix: '))).toHaveLength(2);
  });
});
