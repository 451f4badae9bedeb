/**
 * `npm run k8s:generate`: writes k8s/<target>/ for every target from the typed config
 * (scripts/lib/k8s/). Commit the result; `npm run k8s:check` fails when it is stale.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { renderAllTargets, writeGenerated } from '../lib/k8s/generated-files.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: 'writes k8s/<target>/ for every target from the typed config',
  usage: 'npm run k8s:generate',
  options: {},
  run: async () => k8sGenerate(),
});

function k8sGenerate(): void {
  const out = createOutput();
  const files = renderAllTargets();
  const drift = writeGenerated(files);
  for (const file of drift.missing) out.line(`created  k8s/${file}`);
  for (const file of drift.changed) out.line(`updated  k8s/${file}`);
  for (const file of drift.stale) out.line(`removed  k8s/${file}`);
  out.line(`${Object.keys(files).length} file(s) under k8s/ generated; ${drift.missing.length + drift.changed.length + drift.stale.length} changed`);
}
