import { expect, it } from 'vitest';
import { DEFAULT_DRAIN_TIMEOUT_MS, SHUTDOWN_DEADLINE_MARGIN_MS } from '../../../services/catalog-api/config.ts';
import { committedDoc, committedDocs, committedTargets } from './committed.ts';

it.each(committedTargets)('k8s/%s: catalog-api drains as its SIGTERM handler expects, two replicas, never both disrupted', (target) => {
  const deployment = committedDoc(target, 'catalog-api.yaml', 'Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  expect(deployment.spec.replicas).toBe(2);
  expect(container.readinessProbe.httpGet.path).toBe('/healthz');
  const preStopSeconds = Number(container.lifecycle.preStop.exec.command.at(-1));
  expect(preStopSeconds).toBeGreaterThan(0);
  const drainMs = Number(container.env.find((e: { name: string }) => e.name === 'DRAIN_TIMEOUT_MS').value);
  expect(drainMs).toBe(DEFAULT_DRAIN_TIMEOUT_MS);
  // SIGKILL must come after preStop, the drain and the process's own hard deadline.
  expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(preStopSeconds * 1000 + drainMs + SHUTDOWN_DEADLINE_MARGIN_MS);
  const budget = committedDocs(target, 'catalog-api.yaml').find((d) => d.kind === 'PodDisruptionBudget')!;
  expect(budget.spec.minAvailable).toBe(1);
  expect(budget.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
});
