/** The manifest builders of the booking saga (issue 20): its services, their gRPC routes, outbox connectors and topics. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../scripts/lib/errors.ts';
import { k8sContext } from '../../../scripts/lib/k8s/context.ts';
import { readBookingLookupLimit, readRoomsRoute } from '../../../scripts/lib/k8s/haproxy-settings.ts';
import { haproxyInternalValues } from '../../../scripts/lib/k8s/manifests/haproxy-values.ts';
import { grpcIngresses } from '../../../scripts/lib/k8s/manifests/ingress.ts';
import { outboxConnectors, outboxSchemaHistoryTopics } from '../../../scripts/lib/k8s/manifests/kafka.ts';
import { bookingService, sagaParticipant } from '../../../scripts/lib/k8s/manifests/saga-services.ts';
import { targets } from '../../../scripts/lib/k8s/targets.ts';

const ctx = k8sContext(targets.local);
type Env = Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
const envOf = (deployment: { spec?: { template: { spec?: { containers: Array<{ env?: unknown }> } } } }) =>
  Object.fromEntries((deployment.spec!.template.spec!.containers[0]!.env as Env).map((v) => [v.name, v.value ?? v.valueFrom?.secretKeyRef]));

describe('saga participants', () => {
  it.each(['inventory', 'payment'] as const)('%s: /healthz decides readiness, its Service is the gRPC port checked over TCP, it logs in as itself', (name) => {
    const [deployment, service] = sagaParticipant(ctx, name);
    const container = deployment.spec!.template.spec!.containers[0]!;
    expect(container.command).toEqual(['node', `services/dist/${name}/main.js`]);
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 3000 },
      { name: 'grpc', containerPort: 50051 },
    ]);
    expect(container.readinessProbe!.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(service.spec!.ports).toEqual([{ name: 'grpc', port: 50051, targetPort: 'grpc' }]);
    // An HTTP check would reach the HTTP/2-only gRPC port as HTTP/1.1: TCP, and the readiness probe decides.
    expect(service.metadata!.annotations).toEqual({ 'haproxy.org/check': 'true', 'haproxy.org/check-interval': ctx.haproxy.checkInterval });
    const env = envOf(deployment);
    expect(env.KAFKA_SASL_USERNAME).toBe(name);
    expect(env.KAFKA_SASL_PASSWORD).toEqual({ name, key: 'password' });
    expect(env.CONSUMER_GROUP).toBe(`${name}-mysql`);
    expect(env.SAGA_DLQ_TOPIC).toBe('saga.mysql.dlq');
    expect(Object.keys(env).filter((key) => key.startsWith('ELASTICSEARCH'))).toEqual([]);
  });
});

describe('booking', () => {
  it('calls gRPC through the internal load balancer on the port its chart values give the Service', () => {
    const [deployment, service] = bookingService(ctx);
    const env = envOf(deployment);
    const internal = haproxyInternalValues(ctx) as { controller: { service: { ports: { http: number } } } };
    expect(env.GRPC_URL).toBe(`http://haproxy-internal-kubernetes-ingress.haproxy-controller.svc:${internal.controller.service.ports.http}`);
    expect(env.REPLY_TOPICS).toBe('saga.mysql.inventory.replies,saga.mysql.payment.replies');
    expect(env.MYSQL_PASSWORD).toEqual({ name: 'booking-mysql-bookings', key: 'password' });
    expect(service.metadata!.annotations!['haproxy.org/check-http']).toBe('/healthz');
  });
});

describe('gRPC routes', () => {
  it("route each proto service to its participant's gRPC port over HTTP/2, on the internal class only", () => {
    expect(
      grpcIngresses(ctx).map((ingress) => ({
        className: ingress.spec!.ingressClassName,
        proto: ingress.metadata!.annotations!['haproxy.org/server-proto'],
        path: ingress.spec!.rules![0]!.http!.paths[0]!.path,
        backend: ingress.spec!.rules![0]!.http!.paths[0]!.backend.service,
        host: ingress.spec!.rules![0]!.host,
        tls: ingress.spec!.tls,
      })),
    ).toEqual([
      { className: 'haproxy-internal', proto: 'h2', path: '/inventory.v1.InventoryService', backend: { name: 'inventory', port: { number: 50051 } }, host: undefined, tls: undefined },
      { className: 'haproxy-internal', proto: 'h2', path: '/payment.v1.PaymentService', backend: { name: 'payment', port: { number: 50051 } }, host: undefined, tls: undefined },
    ]);
  });
});

describe('outbox connectors and topics', () => {
  it('one connector per saga database, capturing its outbox only, routed to the saga topics, the password by reference', () => {
    const connectors = outboxConnectors(ctx) as Array<{ metadata: { name: string }; spec: { class: string; config: Record<string, string> } }>;
    expect(connectors.map((c) => c.metadata.name)).toEqual(['outbox-inventory-mysql', 'outbox-payments-mysql', 'outbox-bookings-mysql']);
    for (const connector of connectors) {
      const database = connector.metadata.name.split('-')[1];
      expect(connector.spec.config['table.include.list']).toBe(`${database}.outbox`);
      expect(connector.spec.config['transforms.outbox.route.topic.replacement']).toBe('saga.mysql.${routedByValue}');
      expect(connector.spec.config['database.hostname']).toBe('mysql');
      expect(connector.spec.config['database.password']).toBe('${secrets:booking/booking-mysql-debezium:password}');
      expect(connector.spec.config['schema.history.internal.consumer.sasl.jaas.config']).toBe('${secrets:booking/booking-connect:sasl.jaas.config}');
    }
    // Each replica id on the binlog is its own.
    expect(new Set(connectors.map((c) => c.spec.config['database.server.id'])).size).toBe(3);
  });

  it("makes each outbox connector's history topic with the catalog history topic's settings, and refuses without it", () => {
    const history = ctx.topics.find((t) => t.name === ctx.stack.names.schemaHistoryTopic)!;
    expect(outboxSchemaHistoryTopics(ctx)).toEqual(
      ['inventory', 'payments', 'bookings'].map((database) => ({ name: `schema-history.${database}.mysql`, partitions: history.partitions, config: history.config })),
    );
    expect(() => outboxSchemaHistoryTopics({ ...ctx, topics: [] })).toThrow(/has no topic schema-history/);
  });
});

describe("haproxy.cfg's booking lookup limit", () => {
  const cfg = [
    'backend booking',
    '    stick-table type ipv6 size 100k expire 1m store gpc0,gpc0_rate(10s)',
    '    acl booking_lookup path_reg ^/api/bookings/[^/]+$',
    '    http-request track-sc0 src if booking_lookup',
    '    http-request return status 429 lf-string "too_many_lookups" if booking_lookup { sc0_gpc0_rate gt 5 }',
    '    http-request return status 429 lf-string "too_many_lookups" if { sc0_conn_cur gt 4 }',
    '    http-response sc-inc-gpc0(0) if { status 404 } { sc0_tracked }',
    '    http-request track-sc1 src table booking_creates if booking_create METH_POST',
    '    http-request return status 429 lf-string "too_many_bookings" if { sc1_tracked } { sc1_http_req_rate gt "${BOOKING_CREATES_PER_10S}" }',
    '    option httpchk GET /healthz',
    '    server booking booking:3000 check',
    '',
    'backend web',
    '    http-request track-sc0 src',
    '',
  ].join('\n');

  it("takes only the lookup limit's lines of the booking backend, not the limit on new bookings", () => {
    expect(readBookingLookupLimit(cfg)).toEqual(cfg.split('\n').slice(1, 7).map((line) => line.trim()));
  });

  it('refuses a cfg without the booking backend or without its count of misses', () => {
    expect(() => readBookingLookupLimit('defaults\n    timeout client 1s\n')).toThrow(UserError);
    expect(() => readBookingLookupLimit(cfg.replace(/^.*sc-inc-gpc0.*\n/m, ''))).toThrow(/no `http-response sc-inc-gpc0` line/);
  });
});

describe("haproxy.cfg's rooms route, for the cluster", () => {
  it('takes the path pattern of the booking rule, whatever its indent, and refuses a cfg without it', () => {
    const frontend = ['frontend http', '    use_backend booking if { path /api/bookings } || { path_beg /api/bookings/ }', '    use_backend booking if { path_reg ^/api/hotels/[0-9]+/rooms$ }', '    use_backend catalog_api if { path_beg /api/ }', ''].join('\n');
    expect(readRoomsRoute(frontend)).toBe('^/api/hotels/[0-9]+/rooms$');
    expect(() => readRoomsRoute(frontend.replace(/^.*path_reg.*\n/m, ''))).toThrow(/no `use_backend booking if \{ path_reg \.\.\. \}` rule for a hotel's rooms/);
  });

  it('gives booking a second Service of the same pods that routes only that pattern', () => {
    const [, own, rooms] = bookingService(ctx);
    expect(rooms.metadata!.name).toBe('booking-rooms');
    expect(rooms.spec!.selector).toEqual(own.spec!.selector);
    expect(rooms.spec!.ports).toEqual(own.spec!.ports);
    expect(rooms.metadata!.annotations!['haproxy.org/route-acl']).toBe(`path_reg ${ctx.roomsRoute}`);
    // booking's own Service routes /api/bookings by its Ingress path alone: an ACL there would narrow it too.
    expect(own.metadata!.annotations!['haproxy.org/route-acl']).toBeUndefined();
  });
});
