/**
 * The Strimzi (kafka.strimzi.io/v1) and ECK shapes this project writes, typed only as far
 * as it uses them: npm carries no models for either. Strimzi resources are checked against
 * Strimzi's own Java API model (k8s/validate, `npm run k8s:check`); ECK's fields against
 * the ones its documentation lists (test/unit/k8s/eck-fields.test.ts).
 */
export interface CustomResource<Spec> {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Spec;
}

export const STRIMZI_API = 'kafka.strimzi.io/v1';
export const ECK_API = 'elasticsearch.k8s.elastic.co/v1';
