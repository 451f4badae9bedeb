/**
 * Images built from this repository: the services image (compose/services.Dockerfile:
 * catalog-api, search-indexer, db-setup) and the web front end. Locally they are loaded
 * into the cluster's node (`kind load docker-image`); `shared` pulls them from its registry.
 */
import type { K8sContext } from '../context.ts';

export function servicesImage(ctx: K8sContext): string {
  return repoImage(ctx, 'services');
}

export function webImage(ctx: K8sContext): string {
  return repoImage(ctx, 'web');
}

function repoImage(ctx: K8sContext, name: string): string {
  const { imageRegistry, imageTag } = ctx.target;
  return imageRegistry ? `${imageRegistry}/${name}:${imageTag}` : `booking-devstack/${name}:${imageTag}`;
}
