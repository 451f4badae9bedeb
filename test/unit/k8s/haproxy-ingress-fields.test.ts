/**
 * The HAProxy Kubernetes Ingress Controller (haproxytech): no registry carries a schema for
 * its annotations or its Helm chart's values (the chart has no values.schema.json), so the
 * keys this project sets are checked against the ones the documentation lists, with where
 * each applies (ConfigMap = the chart's controller.config, Ingress, Service):
 *   annotations: https://www.haproxy.com/documentation/kubernetes-ingress/community/configuration-reference/
 *     (source: haproxytech/kubernetes-ingress documentation/doc.yaml)
 *   chart values: https://github.com/haproxytech/helm-charts/blob/kubernetes-ingress-1.52.1/kubernetes-ingress/values.yaml
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { committedDoc, committedDocs, committedFile, committedTargets, pinnedVersions } from './committed.ts';
import { fieldPaths } from './documented-fields.ts';

type Place = 'configmap' | 'ingress' | 'service';
/** Annotation → where the controller reads it, and what value it takes. */
const ANNOTATIONS: Record<string, { places: Place[]; value: RegExp }> = {
  check: { places: ['configmap', 'ingress', 'service'], value: /^(true|false)$/ },
  'check-http': { places: ['configmap', 'ingress', 'service'], value: /^\/\S*$/ },
  'check-interval': { places: ['configmap', 'ingress', 'service'], value: /^\d+(ms|s|m|h)$/ },
  'timeout-check': { places: ['configmap', 'ingress', 'service'], value: /^\d+(ms|s|m|h)$/ },
  'timeout-server': { places: ['configmap', 'ingress', 'service'], value: /^\d+(ms|s|m|h)$/ },
  'timeout-client': { places: ['configmap'], value: /^\d+(ms|s|m|h)$/ },
  'timeout-connect': { places: ['configmap'], value: /^\d+(ms|s|m|h)$/ },
  'timeout-http-request': { places: ['configmap'], value: /^\d+(ms|s|m|h)$/ },
  'timeout-http-keep-alive': { places: ['configmap'], value: /^\d+(ms|s|m|h)$/ },
  'timeout-queue': { places: ['configmap'], value: /^\d+(ms|s|m|h)$/ },
  'rate-limit-requests': { places: ['configmap', 'ingress'], value: /^\d+$/ },
  'rate-limit-period': { places: ['configmap', 'ingress'], value: /^\d+(ms|s|m|h)$/ },
  'rate-limit-status-code': { places: ['configmap', 'ingress'], value: /^[1-5]\d\d$/ },
  'ssl-redirect': { places: ['configmap', 'ingress'], value: /^(true|false)$/ },
  // The HTTP/2 backend setting (gRPC routes): "Currently ... supports only \"h2\"", since controller 1.5.
  'server-proto': { places: ['configmap', 'ingress', 'service'], value: /^h2$/ },
  // The booking backend's lookup limit, lines of haproxy.cfg (checked against it in agrees-with-compose).
  'backend-config-snippet': { places: ['configmap', 'ingress', 'service'], value: /\S/ },
  // "Insert a custom route (use_backend rule) ... based on the provided ACL", a Service's only: a hotel's rooms
  // (`path_reg <haproxy.cfg's pattern>`, checked against haproxy.cfg in agrees-with-compose).
  'route-acl': { places: ['service'], value: /^path_reg \^\/\S+\$$/ },
};

/** Chart values (controller.*) this project may set, as documented in the chart's values.yaml. */
const CHART_VALUES = new Set([
  'controller.ingressClass',
  'controller.ingressClassResource.name',
  'controller.defaultTLSSecret.enabled',
  'controller.defaultTLSSecret.secretNamespace',
  'controller.defaultTLSSecret.secret',
  'controller.config',
  'controller.kind',
  'controller.replicaCount',
  'controller.daemonset.useHostPort',
  'controller.service.enabled',
  'controller.service.type',
  // The internal load balancer (helm/haproxy-internal-values.yaml): compose's port 50051, no HTTPS port.
  'controller.service.ports.http',
  'controller.service.enablePorts.https',
]);

const HELM_VALUES_FILES = ['helm/haproxy-ingress-values.yaml', 'helm/haproxy-internal-values.yaml'];

function problems(annotations: Record<string, string> | undefined, place: Place, prefix = 'haproxy.org/'): string[] {
  return Object.entries(annotations ?? {}).flatMap(([key, value]) => {
    const name = key.startsWith(prefix) ? key.slice(prefix.length) : prefix ? undefined : key;
    if (name === undefined) return [];
    const doc = ANNOTATIONS[name];
    if (!doc) return [`${key} is not a documented annotation`];
    if (!doc.places.includes(place)) return [`${key} does not apply to a ${place}`];
    return doc.value.test(value) ? [] : [`${key}: ${JSON.stringify(value)} is not a documented value`];
  });
}

describe.each(committedTargets)('k8s/%s HAProxy ingress settings', (target) => {
  it('Ingress annotations are documented for an Ingress, with documented values', () => {
    const ingresses = committedDocs(target, 'ingress.yaml');
    expect(ingresses.map((i) => i.spec.ingressClassName)).toEqual(['haproxy', 'haproxy', 'haproxy', 'haproxy']);
    const grpc = committedDocs(target, 'grpc-ingress.yaml');
    expect(grpc.map((i) => i.spec.ingressClassName)).toEqual(['haproxy-internal', 'haproxy-internal']);
    expect([...ingresses, ...grpc].flatMap((i) => problems(i.metadata.annotations, 'ingress'))).toEqual([]);
  });

  it('Service annotations (health checks) are documented for a Service', () => {
    for (const file of ['catalog-api.yaml', 'web.yaml', 'booking.yaml']) {
      // booking.yaml has two: booking's own, and booking-rooms for a hotel's rooms.
      for (const service of committedDocs(target, file).filter((doc) => doc.kind === 'Service')) {
        expect(service.metadata.annotations!['haproxy.org/check-http'], service.metadata.name).toBeDefined();
        expect(problems(service.metadata.annotations, 'service')).toEqual([]);
      }
    }
  });

  it.each(HELM_VALUES_FILES)("%s: the chart's values are documented, and controller.config holds ConfigMap keys", (file) => {
    const values = parse(committedFile(target, file)) as { controller: { config: Record<string, string> } };
    expect(fieldPaths(values, ['controller.config']).filter((path) => !CHART_VALUES.has(path))).toEqual([]);
    expect(problems(values.controller.config, 'configmap', '')).toEqual([]);
  });

  it('gRPC goes over HTTP/2 to the pods, on the internal load balancer only: no host, no TLS, a ClusterIP Service', () => {
    for (const ingress of committedDocs(target, 'grpc-ingress.yaml')) {
      expect(ingress.metadata.annotations!['haproxy.org/server-proto'], ingress.metadata.name).toBe('h2');
      expect(ingress.spec.tls, ingress.metadata.name).toBeUndefined();
      expect(ingress.spec.rules.map((rule: { host?: string }) => rule.host)).toEqual([undefined]);
    }
    const internal = parse(committedFile(target, 'helm/haproxy-internal-values.yaml')) as { controller: { ingressClass: string; service: { type: string } } };
    expect(internal.controller.ingressClass).toBe('haproxy-internal');
    expect(internal.controller.service.type).toBe('ClusterIP');
    // The public controller serves another class, so a gRPC path is never routed from outside.
    expect((parse(committedFile(target, 'helm/haproxy-ingress-values.yaml')) as { controller: { ingressClass: string } }).controller.ingressClass).toBe('haproxy');
  });

  it("serves /api with a rate limit and TLS, / without the rate limit, /api/bookings with the lookup limit, and a hotel's rooms from booking's pods without it", () => {
    const byPath = (path: string) => committedDocs(target, 'ingress.yaml').find((i) => i.spec.rules[0].http.paths[0].path === path)!;
    const [api, web, bookings, rooms] = [byPath('/api'), byPath('/'), byPath('/api/bookings'), byPath('/api/hotels')];
    expect(api.metadata.annotations!['haproxy.org/rate-limit-status-code']).toBe('429');
    expect(web.metadata.annotations!['haproxy.org/rate-limit-requests']).toBeUndefined();
    expect(bookings.spec.rules[0].http.paths[0].backend.service.name).toBe('booking');
    expect(bookings.metadata.annotations!['haproxy.org/backend-config-snippet']).toMatch(/sc-inc-gpc0\(0\) if \{ status 404 \}/);
    // The rooms: a Prefix that only picks candidates; the Service's route-acl narrows it to /api/hotels/<id>/rooms.
    expect(rooms.spec.rules[0].http.paths[0]).toMatchObject({ pathType: 'Prefix', backend: { service: { name: 'booking-rooms', port: { number: 3000 } } } });
    expect(rooms.metadata.annotations!['haproxy.org/backend-config-snippet']).toBeUndefined();
    const roomsService = committedDoc(target, 'booking.yaml', 'Service', 'booking-rooms');
    expect(roomsService.spec.selector).toEqual(committedDoc(target, 'booking.yaml', 'Service', 'booking').spec.selector);
    expect(roomsService.metadata.annotations!['haproxy.org/route-acl']).toBe('path_reg ^/api/hotels/[0-9]+/rooms$');
    for (const ingress of [api, web, bookings, rooms]) expect(ingress.spec.tls[0].secretName).toBe('booking-tls');
  });
});

it('flags an annotation the controller does not read where it is set', () => {
  expect(problems({ 'haproxy.org/timeout-client': '5s', 'haproxy.org/cors-enable': 'true', 'haproxy.org/check': 'yes', other: 'x' }, 'ingress')).toEqual([
    'haproxy.org/timeout-client does not apply to a ingress',
    'haproxy.org/cors-enable is not a documented annotation',
    'haproxy.org/check: "yes" is not a documented value',
  ]);
});

it('the chart version is pinned in compose/versions.env', () => {
  expect(pinnedVersions().HAPROXY_INGRESS_CHART_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
});
