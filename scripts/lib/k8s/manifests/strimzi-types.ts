/**
 * The Strimzi (kafka.strimzi.io/v1) shapes this project writes, typed only as far as it
 * uses them: npm carries no models for Strimzi. `npm run k8s:check` validates every one
 * against the CRD schema generated from Strimzi's own API model (io.strimzi:api, by
 * io.strimzi:crd-generator), unknown fields refused (strimzi-crds.ts, crd-schema.ts).
 */
export interface CustomResource<Spec> {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Spec;
}

export const STRIMZI_API = 'kafka.strimzi.io/v1';
