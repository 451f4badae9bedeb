/**
 * The services built from this repository: catalog-api (two replicas behind the ingress,
 * drained on shutdown as its SIGTERM handler expects), search-indexer, and the web front
 * end. Their settings are the ones compose passes, with the cluster's host names.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import { DEFAULT_DRAIN_TIMEOUT_MS, SHUTDOWN_DEADLINE_MARGIN_MS } from '../../../../services/catalog-api/contract.ts';
import type { K8sContext } from '../context.ts';
import { ELASTICSEARCH_HTTP_PORT, elasticsearchService, k8sNames, kafkaBootstrap, labels } from '../names.ts';
import { secretEnv } from './database.ts';
import { esUserOf } from './elasticsearch-access.ts';
import { servicesImage, webImage } from './images.ts';
import { deployment, service } from './workloads.ts';

export const CATALOG_API_PORT = 3000;
export const SEARCH_INDEXER_HEALTH_PORT = 3001;
export const WEB_PORT = 8080;

/**
 * Seconds a stopping catalog-api pod keeps serving before it gets SIGTERM. Kubernetes
 * removes a terminating pod from the Service's endpoints at once, but the ingress
 * controller learns it from its watch a moment later and may still send requests; they
 * must still be answered. After this, SIGTERM starts the drain of services/kit/drain.ts.
 */
export const PRE_STOP_SECONDS = 5;

/** preStop, then the drain, then the shutdown deadline, plus a second to spare before SIGKILL. */
export function catalogApiGracePeriodSeconds(drainTimeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): number {
  return PRE_STOP_SECONDS + Math.ceil((drainTimeoutMs + SHUTDOWN_DEADLINE_MARGIN_MS) / 1000) + 1;
}

/**
 * The service's own Elasticsearch user (elasticsearch-access.ts) into the URL the Elasticsearch client
 * reads (Kubernetes expands $(VAR)); the passwords `k8s:secrets` makes are hex, safe in a URL.
 */
function elasticsearchEnv(service: string): IEnvVar[] {
  const { secret } = esUserOf(service);
  return [
    secretEnv('ELASTICSEARCH_USERNAME', secret, 'username'),
    secretEnv('ELASTICSEARCH_PASSWORD', secret, 'password'),
    { name: 'ELASTICSEARCH_URL', value: `http://$(ELASTICSEARCH_USERNAME):$(ELASTICSEARCH_PASSWORD)@${elasticsearchService}:${ELASTICSEARCH_HTTP_PORT}` },
  ];
}

/** HAProxy's health checks of the pods behind a Service (haproxytech annotations), as haproxy.cfg's. */
export function healthCheckAnnotations(ctx: K8sContext, path: string): Record<string, string> {
  return { 'haproxy.org/check': 'true', 'haproxy.org/check-http': path, 'haproxy.org/check-interval': ctx.haproxy.checkInterval };
}

export function catalogApi(ctx: K8sContext): [IDeployment, IService, IPodDisruptionBudget] {
  const { stack } = ctx;
  const api = deployment(
    k8sNames.catalogApi,
    2,
    {
      name: k8sNames.catalogApi,
      image: servicesImage(ctx),
      imagePullPolicy: ctx.target.imagePullPolicy,
      command: ['node', 'services/dist/catalog-api/main.js'],
      ports: [{ name: 'http', containerPort: CATALOG_API_PORT }],
      env: [
        // The pod's name answers X-Served-By, as the replica names do in compose.
        { name: 'SERVICE_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'PORT', value: String(CATALOG_API_PORT) },
        { name: 'MYSQL_HOST', value: k8sNames.mysql },
        { name: 'MYSQL_PORT', value: '3306' },
        { name: 'MYSQL_DATABASE', value: stack.database.name },
        { name: 'MYSQL_USER', value: stack.database.user },
        secretEnv('MYSQL_PASSWORD', k8sNames.secrets.mysqlApp),
        ...elasticsearchEnv(k8sNames.catalogApi),
        { name: 'SEARCH_INDEX', value: stack.names.searchIndex },
        { name: 'AVAILABILITY_INDEX', value: stack.availability.search.alias },
        // The front end is served from the same host, so the browser's origin is the ingress host.
        { name: 'CORS_ORIGINS', value: `https://${ctx.target.host}` },
        { name: 'DRAIN_TIMEOUT_MS', value: String(DEFAULT_DRAIN_TIMEOUT_MS) },
        // The cluster runs every part of the stack: search is never off (compose profiles only).
        { name: 'SEARCH_OFF_REASON', value: stack.profile.searchOffReason },
      ],
      // Ready = /healthz 200: MySQL and Elasticsearch answer and the pod is not draining.
      // No liveness probe on it: an outage of MySQL would restart every replica for nothing.
      readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
      lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_SECONDS)] } } },
    },
    { terminationGracePeriodSeconds: catalogApiGracePeriodSeconds() },
  );
  // A node drain or cluster upgrade never takes both replicas at once.
  const budget: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: k8sNames.catalogApi, labels: labels(k8sNames.catalogApi) },
    spec: { minAvailable: 1, selector: { matchLabels: labels(k8sNames.catalogApi) } },
  };
  return [api, service(k8sNames.catalogApi, CATALOG_API_PORT, { annotations: healthCheckAnnotations(ctx, '/healthz') }), budget];
}

export function searchIndexer(ctx: K8sContext): IDeployment {
  const { names } = ctx.stack;
  // One consumer: the CDC topic's partitions are spread over the group's members, and one is enough here.
  return deployment(k8sNames.searchIndexer, 1, {
    name: k8sNames.searchIndexer,
    image: servicesImage(ctx),
    imagePullPolicy: ctx.target.imagePullPolicy,
    command: ['node', 'services/dist/search-indexer/main.js'],
    ports: [{ name: 'health', containerPort: SEARCH_INDEXER_HEALTH_PORT }],
    env: [
      { name: 'SERVICE_NAME', value: k8sNames.searchIndexer },
      { name: 'KAFKA_BROKERS', value: kafkaBootstrap },
      { name: 'CDC_TOPIC', value: names.cdcTopic },
      { name: 'DLQ_TOPIC', value: names.dlqTopic },
      { name: 'CONSUMER_GROUP', value: names.consumerGroup },
      // Its KafkaUser (kafka-access.ts): the Secret Strimzi's User Operator writes for it.
      { name: 'KAFKA_SASL_USERNAME', value: k8sNames.kafkaUsers.searchIndexer },
      secretEnv('KAFKA_SASL_PASSWORD', k8sNames.kafkaUsers.searchIndexer),
      ...elasticsearchEnv(k8sNames.searchIndexer),
      { name: 'SEARCH_INDEX', value: names.searchIndex },
      // Date search's pipeline (issue 21).
      { name: 'ROOM_TYPES_TOPIC', value: ctx.stack.availability.topics.room_types },
      { name: 'ROOM_NIGHTS_TOPIC', value: ctx.stack.availability.topics.room_nights },
      { name: 'AVAILABILITY_CONSUMER_GROUP', value: ctx.stack.availability.consumerGroup },
      { name: 'AVAILABILITY_INDEX', value: ctx.stack.availability.search.alias },
      { name: 'SEARCH_REFRESH_INTERVAL', value: ctx.stack.searchRefreshInterval },
      { name: 'HEALTH_PORT', value: String(SEARCH_INDEXER_HEALTH_PORT) },
    ],
    readinessProbe: { httpGet: { path: '/healthz', port: 'health' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
  });
}

/**
 * The front end (web/): its static build served on WEB_PORT by the dependency-free server
 * of compose/web.Dockerfile, the image built from the repository as the services image is.
 * Its health path is the server's own /healthz (as in compose.yaml).
 */
export function web(ctx: K8sContext): [IDeployment, IService] {
  const front = deployment(k8sNames.web, ctx.target.name === 'shared' ? 2 : 1, {
    name: k8sNames.web,
    image: webImage(ctx),
    imagePullPolicy: ctx.target.imagePullPolicy,
    ports: [{ name: 'http', containerPort: WEB_PORT }],
    readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
  });
  return [front, service(k8sNames.web, WEB_PORT, { annotations: healthCheckAnnotations(ctx, '/healthz') })];
}
