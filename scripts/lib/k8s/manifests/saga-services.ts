/**
 * The booking saga's services (issue 20) on the cluster: inventory and payment (the kit HTTP
 * server with /healthz on 3000, gRPC on 50051, their saga consumer), and booking (the public
 * API on 3000, the orchestrator's reply consumer). Each logs in to MySQL with its own account
 * (the Secret `k8s:secrets` makes) and to Kafka as its own KafkaUser (kafka-access.ts). Their
 * settings are the ones compose.yaml passes, with the cluster's host names; booking calls
 * inventory and payment through the internal load balancer (ingress.ts, grpcIngresses), as
 * it calls haproxy:50051 in compose.
 *
 * One replica each, as in compose: the hold-expiry sweep, the slow card's late answers and
 * the deadline sweep run in every replica, and nobody has proven two of them side by side.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IService } from 'kubernetes-models/v1/Service';
import { SAGA_AGGREGATE_TYPES, sagaTopicVariable, SAGA_DLQ_TOPIC_VARIABLE, type SagaService } from '../../config/saga-config.ts';
import type { K8sContext } from '../context.ts';
import { internalGrpcUrl, k8sNames, kafkaBootstrap, MYSQL_PORT } from '../names.ts';
import { secretEnv } from './database.ts';
import { servicesImage } from './images.ts';
import { healthCheckAnnotations } from './services.ts';
import { deployment, service } from './workloads.ts';

/** The kit's HTTP port (/healthz) and the gRPC port, as compose's x-rpc-service-env. */
export const SAGA_HTTP_PORT = 3000;
export const SAGA_GRPC_PORT = 50051;

/** The gRPC services each participant serves (proto/<package>/v1/*.proto): the paths the internal load balancer routes. */
export const GRPC_SERVICES: Record<Exclude<SagaService, 'booking'>, string> = {
  inventory: 'inventory.v1.InventoryService',
  payment: 'payment.v1.PaymentService',
};

/** The service's own database account: compose's x-<database>-database. */
function databaseEnv(ctx: K8sContext, sagaService: SagaService): IEnvVar[] {
  const names = ctx.stack.saga.services[sagaService];
  return [
    { name: 'MYSQL_HOST', value: k8sNames.mysql },
    { name: 'MYSQL_PORT', value: String(MYSQL_PORT) },
    { name: 'MYSQL_DATABASE', value: names.database },
    { name: 'MYSQL_USER', value: names.account },
    secretEnv('MYSQL_PASSWORD', k8sNames.secrets.mysqlServices[sagaService]),
  ];
}

/** The broker, the service's group, and its KafkaUser: the Secret Strimzi's User Operator writes for it. */
function kafkaEnv(ctx: K8sContext, sagaService: SagaService): IEnvVar[] {
  const user = k8sNames.kafkaUsers[sagaService];
  return [
    { name: 'KAFKA_BROKERS', value: kafkaBootstrap },
    { name: 'CONSUMER_GROUP', value: ctx.stack.saga.services[sagaService].consumerGroup },
    { name: 'KAFKA_SASL_USERNAME', value: user },
    secretEnv('KAFKA_SASL_PASSWORD', user),
  ];
}

/** compose's x-saga-topics: every saga topic by its variable. */
function sagaTopicsEnv(ctx: K8sContext): IEnvVar[] {
  const { saga } = ctx.stack;
  return [
    ...SAGA_AGGREGATE_TYPES.map((type) => ({ name: sagaTopicVariable(type), value: saga.topics[type] })),
    { name: SAGA_DLQ_TOPIC_VARIABLE, value: saga.dlqTopic },
  ];
}

/** Ready = the kit's /healthz 200 (its database answers, not draining): the kubelet takes an unready pod out of the Service. */
const kitReadiness = { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 };

/**
 * The load balancer's check of a gRPC backend: TCP only. compose checks the kit's HTTP port
 * (`check port 3000 check-proto h1`); the controller has no annotation for another check port
 * or protocol, and an HTTP check on the gRPC port would go out as HTTP/1.1 to a server that
 * speaks HTTP/2 only. /healthz still decides: it is the readiness probe, and the controller
 * routes only to ready endpoints.
 */
function grpcCheckAnnotations(ctx: K8sContext): Record<string, string> {
  return { 'haproxy.org/check': 'true', 'haproxy.org/check-interval': ctx.haproxy.checkInterval };
}

/** inventory or payment: a Deployment and the Service of its gRPC port. */
export function sagaParticipant(ctx: K8sContext, participant: Exclude<SagaService, 'booking'>): [IDeployment, IService] {
  const name = k8sNames.sagaServices[participant];
  const workload = deployment(name, 1, {
    name,
    image: servicesImage(ctx),
    imagePullPolicy: ctx.target.imagePullPolicy,
    command: ['node', `services/dist/${participant}/main.js`],
    ports: [
      { name: 'http', containerPort: SAGA_HTTP_PORT },
      { name: 'grpc', containerPort: SAGA_GRPC_PORT },
    ],
    env: [
      { name: 'SERVICE_NAME', value: name },
      { name: 'PORT', value: String(SAGA_HTTP_PORT) },
      { name: 'GRPC_PORT', value: String(SAGA_GRPC_PORT) },
      ...databaseEnv(ctx, participant),
      ...sagaTopicsEnv(ctx),
      ...kafkaEnv(ctx, participant),
    ],
    readinessProbe: kitReadiness,
  });
  return [workload, service(name, SAGA_GRPC_PORT, { portName: 'grpc', annotations: grpcCheckAnnotations(ctx) })];
}

/**
 * The orchestrator and public API: a Deployment and its HTTP Service, checked on /healthz as catalog-api;
 * and a second Service of the same pods for a hotel's rooms (`GET /api/hotels/<id>/rooms`, BOOKING-UI.md).
 * An Ingress path cannot say "a number, then /rooms", and a prefix /api/hotels would take the catalog's
 * hotel pages too; the controller's route-acl (a Service annotation) routes by haproxy.cfg's own pattern
 * instead, on top of the Ingress path. It has to be a Service of its own: on booking's Service the ACL would
 * narrow /api/bookings as well. Being another backend, it carries no lookup limit, as in haproxy.cfg.
 * https://www.haproxy.com/documentation/kubernetes-ingress/community/configuration-reference/ingress/#route-acl
 */
export function bookingService(ctx: K8sContext): [IDeployment, IService, IService] {
  const name = k8sNames.sagaServices.booking;
  const { saga } = ctx.stack;
  const workload = deployment(name, 1, {
    name,
    image: servicesImage(ctx),
    imagePullPolicy: ctx.target.imagePullPolicy,
    command: ['node', 'services/dist/booking/main.js'],
    ports: [{ name: 'http', containerPort: SAGA_HTTP_PORT }],
    env: [
      ...databaseEnv(ctx, 'booking'),
      { name: 'SERVICE_NAME', value: name },
      { name: 'PORT', value: String(SAGA_HTTP_PORT) },
      // The front end is served from the same host, so the browser's origin is the ingress host (as catalog-api).
      { name: 'CORS_ORIGINS', value: `https://${ctx.target.host}` },
      { name: 'GRPC_URL', value: internalGrpcUrl },
      ...kafkaEnv(ctx, 'booking'),
      { name: 'REPLY_TOPICS', value: [saga.topics['inventory.replies'], saga.topics['payment.replies']].join(',') },
      { name: 'DLQ_TOPIC', value: saga.dlqTopic },
    ],
    readinessProbe: kitReadiness,
  });
  const checks = healthCheckAnnotations(ctx, '/healthz');
  return [
    workload,
    service(name, SAGA_HTTP_PORT, { annotations: checks }),
    service(k8sNames.bookingRooms, SAGA_HTTP_PORT, { selects: name, annotations: { ...checks, 'haproxy.org/route-acl': `path_reg ${ctx.roomsRoute}` } }),
  ];
}
