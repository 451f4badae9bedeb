/**
 * Custom resources against the openAPIV3Schema of their CRD, with unknown fields refused.
 * A Kubernetes API server prunes a field its structural schema does not know, silently (the
 * resource applies and the setting is lost); here every object schema that lists its
 * properties gets `additionalProperties: false`, so a misspelt or misplaced field is an error.
 * Objects the CRD leaves open (x-kubernetes-preserve-unknown-fields: Kafka's `config` maps) and
 * maps (`additionalProperties` given) stay open, and `metadata` is the API server's to check.
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning
 */
import { Ajv, type ErrorObject } from 'ajv';

type Schema = Record<string, unknown>;

export function strictSchema(schema: unknown, path = ''): unknown {
  if (Array.isArray(schema)) return schema.map((item) => strictSchema(item, path));
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    // `properties` and `enum`/`default` hold names and values, not schemas: recurse into each property's schema only.
    if (key === 'properties' && value && typeof value === 'object') {
      copy[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, path === '' && name === 'metadata' ? sub : strictSchema(sub, `${path}.${name}`)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === 'not') {
      copy[key] = strictSchema(value, path);
    } else copy[key] = value;
  }
  const open = copy['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in copy;
  if (copy.properties && !open) copy.additionalProperties = false;
  return copy;
}

export interface ResourceDocument {
  file: string;
  document: { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
}

export interface SchemaResult {
  checked: number;
  problems: string[];
}

/** Validates every document of apiVersion's group (kafka.strimzi.io) against its kind's schema; another version of the group is an error. */
export function validateAgainstSchemas(documents: ResourceDocument[], schemas: Record<string, unknown>, apiVersion: string): SchemaResult {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map<string, ReturnType<Ajv['compile']>>();
  const result: SchemaResult = { checked: 0, problems: [] };
  const group = apiVersion.split('/')[0]!;
  for (const { file, document } of documents) {
    const docVersion = String(document.apiVersion ?? '');
    if (!docVersion.startsWith(`${group}/`)) continue;
    const kind = String(document.kind ?? '');
    const where = `${file}: ${kind}/${String(document.metadata?.name ?? '?')}`;
    if (docVersion !== apiVersion) {
      result.problems.push(`${where}: apiVersion is ${docVersion}, expected ${apiVersion}`);
      continue;
    }
    const schema = schemas[kind];
    if (!schema) {
      result.problems.push(`${where}: no CRD schema for kind ${kind} (known: ${Object.keys(schemas).join(', ')})`);
      continue;
    }
    let validate = validators.get(kind);
    if (!validate) {
      validate = ajv.compile(strictSchema(schema) as Schema);
      validators.set(kind, validate);
    }
    result.checked++;
    if (!validate(document)) result.problems.push(...(validate.errors ?? []).map((error) => `${where}: ${describe(error)}`));
  }
  return result;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath || '.';
  if (error.keyword === 'additionalProperties') return `${at}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${at} ${error.message}: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return `${at} ${error.message ?? error.keyword}`;
}
