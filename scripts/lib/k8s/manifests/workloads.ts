/**
 * The shape every workload built from this repository shares: a Deployment of one
 * container from the repository's images, selected by its name label, and the
 * ClusterIP Service in front of it.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IService } from 'kubernetes-models/v1/Service';
import { labels } from '../names.ts';

export function deployment(name: string, replicas: number, container: IContainer, pod: Omit<IPodSpec, 'containers'> = {}): IDeployment {
  const selector = labels(name);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: selector },
    spec: { replicas, selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: { ...pod, containers: [container] } } },
  };
}

/** Routes `port` to the container port named `portName`. */
export function service(
  name: string,
  port: number,
  { portName = 'http', annotations, selects = name }: { portName?: string; annotations?: Record<string, string>; /** Whose pods: the Service's own name unless said. */ selects?: string } = {},
): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: labels(name), ...(annotations ? { annotations } : {}) },
    spec: { selector: labels(selects), ports: [{ name: portName, port, targetPort: portName }] },
  };
}
