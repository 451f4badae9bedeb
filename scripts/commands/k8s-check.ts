/**
 * `npm run k8s:check`: regenerates k8s/ in memory and fails if the committed files differ;
 * then validates every manifest: core kinds against the Kubernetes schema (kubernetes-models),
 * Strimzi resources against Strimzi's API model (Java, k8s/validate, through Maven).
 * `-- --maven-repo DIR` gives Maven its own local repository (a first run from nothing).
 * ECK and the HAProxy controller's settings have no schema on npm or Maven Central; unit
 * tests check them against the fields their documentation lists (test/unit/k8s).
 */
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { defineCommand } from '../lib/cli/command.ts';
import { ChecksFailed, UserError } from '../lib/errors.ts';
import { driftFrom, hasDrift, k8sDir, readCommitted, renderAllTargets } from '../lib/k8s/generated-files.ts';
import { runStrimziValidator } from '../lib/k8s/strimzi-validator.ts';
import { validateCore, type CoreDocument } from '../lib/k8s/validate-core.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: 'fails if k8s/ is not what the typed config generates, then validates every manifest',
  usage: 'npm run k8s:check -- [--maven-repo DIR]',
  options: { 'maven-repo': { type: 'string', value: 'DIR', description: "Maven's local repository (default ~/.m2/repository)" } },
  run: async ({ values }) => k8sCheck(values['maven-repo'] === undefined ? [] : [`-Dmaven.repo.local=${values['maven-repo']}`]),
});

async function k8sCheck(mavenArgs: string[]): Promise<void> {
  const out = createOutput();
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
  const documents: CoreDocument[] = manifestFiles.flatMap((file) =>
    parseAllDocuments(expected[file]!).map((doc) => ({ file: `k8s/${file}`, document: doc.toJS() as CoreDocument['document'] })),
  );
  const core = await validateCore(documents);
  for (const problem of core.problems) out.line(`✖ ${problem}`);
  out.line(`${core.problems.length ? '✖' : '✔'} Kubernetes schema (kubernetes-models): ${core.checked} core resource(s) checked, ${core.problems.length} problem(s)`);

  const maven = await runStrimziValidator(manifestFiles.map((file) => join(k8sDir, file)), mavenArgs);
  out.line(maven.output);
  out.line(`${maven.ok ? '✔' : '✖'} Strimzi API model via Maven: ${maven.seconds.toFixed(1)} s (the first run downloads Maven's plugins and io.strimzi:api)`);
  if (core.problems.length > 0 || !maven.ok) {
    throw new ChecksFailed('some generated manifests are not valid (listed above)', 'fix the builder in scripts/lib/k8s/manifests/ that makes them, then `npm run k8s:generate`');
  }
}
