/**
 * `npm run k8s:check`: regenerates k8s/ in memory and fails if the committed files differ;
 * then validates every manifest: core kinds against the Kubernetes schema (kubernetes-models),
 * ECK's against its models (@kubernetes-models/elastic-cloud), Strimzi's against the CRD schemas
 * Strimzi's own generator makes from its API model, unknown fields refused (strimzi-crds.ts:
 * Maven with strict checksums, every download checked against k8s/validate/artifacts.sha256,
 * and a Java 21+). Before trusting those schemas it checks that they refuse a known-bad
 * resource (an unknown field in the Kafka resource).
 * `-- --maven-repo DIR` gives Maven another local repository; `-- --update-checksums`
 * rewrites the reviewed list after a version change (review its diff).
 */
import { parseAllDocuments } from 'yaml';
import { defineCommand } from '../lib/cli/command.ts';
import { ChecksFailed, UserError } from '../lib/errors.ts';
import { validateAgainstSchemas, type ResourceDocument } from '../lib/k8s/crd-schema.ts';
import { driftFrom, hasDrift, readCommitted, renderAllTargets } from '../lib/k8s/generated-files.ts';
import { STRIMZI_API } from '../lib/k8s/manifests/strimzi-types.ts';
import { generateStrimziSchemas } from '../lib/k8s/strimzi-crds.ts';
import { validateCore } from '../lib/k8s/validate-core.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: 'fails if k8s/ is not what the typed config generates, then validates every manifest',
  usage: 'npm run k8s:check -- [--maven-repo DIR] [--update-checksums]',
  options: {
    'maven-repo': { type: 'string', value: 'DIR', description: "Maven's local repository, holding only k8s:check's downloads (default .cache/k8s-validate/m2)" },
    'update-checksums': { type: 'boolean', description: 'rewrite k8s/validate/artifacts.sha256 from what Maven downloaded (review the diff)' },
  },
  run: async ({ values }) => k8sCheck(values['maven-repo'], values['update-checksums'] === true),
});

async function k8sCheck(repo: string | undefined, updateChecksums: boolean): Promise<void> {
  const out = createOutput();
  const started = Date.now();
  const expected = renderAllTargets();
  const drift = driftFrom(expected, readCommitted());
  if (hasDrift(drift)) {
    const list = [
      ...drift.missing.map((f) => `missing k8s/${f}`),
      ...drift.changed.map((f) => `differs k8s/${f}`),
      ...drift.stale.map((f) => `not generated k8s/${f}`),
    ].join('\n  ');
    throw new UserError(`the committed manifests are not what the typed config generates:\n  ${list}`, 'run `npm run k8s:generate` and commit k8s/');
  }
  out.line(`✔ k8s/ matches the generator (${Object.keys(expected).length} files)`);

  const manifestFiles = Object.keys(expected).filter((file) => !file.includes('/helm/'));
  const documents: ResourceDocument[] = manifestFiles.flatMap((file) =>
    parseAllDocuments(expected[file]!).map((doc) => ({ file: `k8s/${file}`, document: doc.toJS() as ResourceDocument['document'] })),
  );
  const core = await validateCore(documents);
  for (const problem of core.problems) out.line(`✖ ${problem}`);
  out.line(`${core.problems.length ? '✖' : '✔'} Kubernetes and ECK schemas (kubernetes-models, @kubernetes-models/elastic-cloud): ${core.checked} resource(s) checked, ${core.problems.length} problem(s)`);

  const strimzi = await generateStrimziSchemas({ repo, updateChecksums });
  if (strimzi.cached) {
    out.line(`✔ Strimzi CRD schemas: reused from the last run (same pom, reviewed artifacts and Java ${strimzi.java.major}); Maven not run`);
  } else {
    out.line(`✔ Maven (strict checksums, ${updateChecksums ? 'reviewed list rewritten' : 'every download matches k8s/validate/artifacts.sha256'}): ${strimzi.mavenSeconds.toFixed(1)} s`);
    out.line(`✔ Strimzi CRD schemas generated from io.strimzi:api on Java ${strimzi.java.major} (${strimzi.java.home}): ${strimzi.generatorSeconds.toFixed(1)} s`);
  }
  const canary = validateAgainstSchemas([unknownFieldCanary(documents)], strimzi.schemas, STRIMZI_API);
  if (!canary.problems.some((problem) => problem.includes('unknown field "listenersTypo"'))) {
    throw new ChecksFailed('the generated Strimzi schemas accepted a Kafka resource with an unknown field', 'the strict-schema step (scripts/lib/k8s/crd-schema.ts) no longer refuses unknown fields: fix it');
  }
  const result = validateAgainstSchemas(documents, strimzi.schemas, STRIMZI_API);
  for (const problem of result.problems) out.line(`✖ ${problem}`);
  out.line(`${result.problems.length ? '✖' : '✔'} Strimzi CRD schemas, unknown fields refused: ${result.checked} resource(s) checked, ${result.problems.length} problem(s)`);
  out.line(`k8s:check took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (core.problems.length > 0 || result.problems.length > 0) {
    throw new ChecksFailed('some generated manifests are not valid (listed above)', 'fix the builder in scripts/lib/k8s/manifests/ that makes them, then `npm run k8s:generate`');
  }
}

/** A committed Kafka resource with one field added that Strimzi does not have: the schema must name it. */
function unknownFieldCanary(documents: ResourceDocument[]): ResourceDocument {
  const kafka = documents.find(({ document }) => document.apiVersion === STRIMZI_API && document.kind === 'Kafka');
  if (!kafka) throw new Error('the generated manifests have no Kafka resource');
  const copy = structuredClone(kafka.document) as ResourceDocument['document'] & { spec: { kafka: Record<string, unknown> } };
  copy.spec.kafka.listenersTypo = [];
  return { file: `${kafka.file} (self-test)`, document: copy };
}
