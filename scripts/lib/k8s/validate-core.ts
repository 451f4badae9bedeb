/**
 * Core Kubernetes kinds against the Kubernetes OpenAPI schema, with the models of the
 * `kubernetes-models` package (its validators are compiled from that schema), and ECK's
 * kinds with `@kubernetes-models/elastic-cloud` (compiled from ECK's CRDs): required
 * fields, types, formats, enums. Unknown fields are caught earlier, by TypeScript: every
 * builder types its literals with the packages' interfaces (`npm run typecheck`).
 * Strimzi's kinds have no npm models and are left to their CRD schemas (crd-schema.ts).
 */
export interface CoreDocument {
  file: string;
  document: { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
}

export interface CoreResult {
  checked: number;
  skipped: number;
  problems: string[];
}

/** "apps/v1" + "Deployment" → "kubernetes-models/apps/v1/Deployment"; ECK's groups → its package; other custom groups → undefined. */
export function coreModelPath(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (!/^[A-Za-z]+$/.test(kind)) return undefined;
  if (group!.endsWith('.k8s.elastic.co')) return `@kubernetes-models/elastic-cloud/${group}/${version}/${kind}`;
  const coreGroup = group === '' || !group!.includes('.') || group!.endsWith('.k8s.io');
  if (!coreGroup) return undefined;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

type ModelClass = new (data: unknown) => { validate(): void };

export async function validateCore(documents: CoreDocument[], load = (path: string) => import(path) as Promise<Record<string, unknown>>): Promise<CoreResult> {
  const result: CoreResult = { checked: 0, skipped: 0, problems: [] };
  for (const { file, document } of documents) {
    const apiVersion = String(document.apiVersion ?? '');
    const kind = String(document.kind ?? '');
    const where = `${file}: ${kind}/${String(document.metadata?.name ?? '?')}`;
    const path = coreModelPath(apiVersion, kind);
    if (!path) {
      result.skipped++;
      continue;
    }
    let Model: ModelClass | undefined;
    try {
      Model = (await load(path))[kind] as ModelClass | undefined;
    } catch {
      Model = undefined;
    }
    if (!Model) {
      result.problems.push(`${where}: ${apiVersion} ${kind} is not a Kubernetes kind (no model ${path})`);
      continue;
    }
    result.checked++;
    try {
      new Model(document).validate();
    } catch (error) {
      result.problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  return result;
}
