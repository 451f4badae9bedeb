/**
 * The entry: haproxytech's HAProxy Kubernetes Ingress Controller (installed from its Helm
 * chart with k8s/<target>/haproxy-ingress-values.yaml) routes `/` to web, `/api` to
 * catalog-api, and as haproxy.cfg `/api/bookings` and a hotel's rooms to booking, with TLS
 * from a Secret (targets.ts, IngressTls) and haproxy.cfg's timeouts. Health checks of the pods
 * are annotations of their Services (services.ts). CORS stays in catalog-api: answered at
 * both layers, the header would be sent twice.
 * Annotations: https://www.haproxy.com/documentation/kubernetes-ingress/community/configuration-reference/ingress/
 */
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { K8sContext } from '../context.ts';
import { k8sNames, labels } from '../names.ts';
import { GRPC_SERVICES, SAGA_GRPC_PORT, SAGA_HTTP_PORT } from './saga-services.ts';
import { CATALOG_API_PORT, WEB_PORT } from './services.ts';

export const INGRESS_CLASS = 'haproxy';

/** Per client address: a burst of page loads passes, a script hammering the API gets 429. */
export const API_RATE_LIMIT = { requests: 100, period: '10s', statusCode: 429 } as const;

function ingressFor(ctx: K8sContext, name: string, path: string, service: string, port: number, annotations: Record<string, string>): IIngress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, labels: labels('ingress'), annotations },
    spec: {
      ingressClassName: INGRESS_CLASS,
      tls: [{ hosts: [ctx.target.host], secretName: k8sNames.secrets.tls }],
      rules: [{ host: ctx.target.host, http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: service, port: { number: port } } } }] } }],
    },
  };
}

/**
 * With cert-manager, its ingress-shim makes a Certificate named after the Ingress's tls.secretName and
 * keeps the Secret renewed: https://cert-manager.io/docs/usage/ingress/. One Ingress carries the
 * annotation: the three share one Secret, and each annotated Ingress would claim the same Certificate.
 * The `local-ca` Secret is made by `npm run k8s:secrets` (secrets.ts), so no annotation.
 */
export function certificateAnnotations(ctx: K8sContext): Record<string, string> {
  const { tls } = ctx.target;
  return tls.source === 'cert-manager' ? { 'cert-manager.io/cluster-issuer': tls.clusterIssuer } : {};
}

export function ingresses(ctx: K8sContext): IIngress[] {
  const { timeouts } = ctx.haproxy;
  // The timeouts the controller takes per Ingress; the others are global (haproxy-values.ts).
  const backendTimeouts = { 'haproxy.org/timeout-server': timeouts.server, 'haproxy.org/timeout-check': timeouts.check };
  return [
    ingressFor(ctx, `${k8sNames.ingress}-web`, '/', k8sNames.web, WEB_PORT, { ...backendTimeouts, ...certificateAnnotations(ctx) }),
    // A separate Ingress so the rate limit applies to the API only. Prefix /api matches /api and /api/..., as haproxy.cfg's rule.
    ingressFor(ctx, `${k8sNames.ingress}-api`, '/api', k8sNames.catalogApi, CATALOG_API_PORT, {
      ...backendTimeouts,
      'haproxy.org/rate-limit-requests': String(API_RATE_LIMIT.requests),
      'haproxy.org/rate-limit-period': API_RATE_LIMIT.period,
      'haproxy.org/rate-limit-status-code': String(API_RATE_LIMIT.statusCode),
    }),
    // The booking API (issue 20), as haproxy.cfg's `use_backend booking`: the longer prefix wins over /api.
    // The lookup limit of haproxy.cfg's booking backend (404s counted per address) rides along as its backend's
    // own lines (haproxy-settings.ts); each controller replica keeps its own table.
    ingressFor(ctx, `${k8sNames.ingress}-bookings`, '/api/bookings', k8sNames.sagaServices.booking, SAGA_HTTP_PORT, {
      ...backendTimeouts,
      'haproxy.org/backend-config-snippet': ctx.bookingLookupLimit.join('\n') + '\n',
    }),
    // A hotel's rooms (`GET /api/hotels/<id>/rooms`), as haproxy.cfg's `use_backend booking if { path_reg ... }`:
    // the prefix /api/hotels picks the candidates, and the booking-rooms Service's route-acl (saga-services.ts)
    // lets only haproxy.cfg's pattern through; every other /api/hotels path stays catalog-api's by the /api rule.
    ingressFor(ctx, `${k8sNames.ingress}-hotel-rooms`, '/api/hotels', k8sNames.bookingRooms, SAGA_HTTP_PORT, backendTimeouts),
  ];
}

/**
 * The gRPC routes (issue 20), as haproxy.cfg's `grpc_internal` frontend: the path `/<package>.<Service>/`
 * names the owner. They belong to the internal load balancer's ingress class (names.ts, internalIngress),
 * whose only Service is a ClusterIP: the public controller ignores them, so nothing outside the cluster
 * calls a service's gRPC side (TokenizeCard takes full card numbers). No host: the caller names the
 * Service. `server-proto: h2` is the controller's HTTP/2 backend setting (cleartext HTTP/2 to the pods,
 * compose's `proto h2` on the server line; HTTP/1.1 cannot carry gRPC's trailers); the controller's own
 * frontend takes a client's cleartext HTTP/2 with prior knowledge, as HAProxy does on any HTTP bind.
 * Documented for an Ingress, value "h2", since controller 1.5:
 * https://www.haproxy.com/documentation/kubernetes-ingress/community/configuration-reference/ingress/#server-proto
 */
export function grpcIngresses(ctx: K8sContext): IIngress[] {
  const { timeouts } = ctx.haproxy;
  return (Object.keys(GRPC_SERVICES) as Array<keyof typeof GRPC_SERVICES>).map((participant) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: `${k8sNames.ingress}-grpc-${participant}`,
      labels: labels('ingress'),
      annotations: { 'haproxy.org/server-proto': 'h2', 'haproxy.org/timeout-server': timeouts.server, 'haproxy.org/timeout-check': timeouts.check },
    },
    spec: {
      ingressClassName: k8sNames.internalIngress.ingressClass,
      rules: [
        {
          http: {
            paths: [{ path: `/${GRPC_SERVICES[participant]}`, pathType: 'Prefix', backend: { service: { name: k8sNames.sagaServices[participant], port: { number: SAGA_GRPC_PORT } } } }],
          },
        },
      ],
    },
  }));
}
