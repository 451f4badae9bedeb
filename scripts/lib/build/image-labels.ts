/**
 * The SOURCE_LABEL of each local image that exists, in one `docker image inspect`
 * call (a no-op `up` has about a second in all). An image missing from the answer is
 * missing locally; Docker prints the ones it has and fails for the rest.
 */
import type { Exec } from '../exec.ts';
import { SOURCE_LABEL } from './local-builds.ts';

export async function readSourceLabels(exec: Exec, images: string[]): Promise<Map<string, string>> {
  const result = await exec('docker', ['image', 'inspect', '--format', '{{json .RepoTags}}\t{{json .Config.Labels}}', ...images]);
  return parseSourceLabels(result.stdout, images);
}

/** Image → its SOURCE_LABEL ('' when it has none), for the images Docker printed. */
export function parseSourceLabels(stdout: string, images: string[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [tagsJson, labelsJson] = line.split('\t');
    if (!tagsJson || !labelsJson) continue;
    const tags = JSON.parse(tagsJson) as string[] | null;
    const imageLabels = JSON.parse(labelsJson) as Record<string, string> | null;
    for (const image of images.filter((name) => tags?.includes(name))) {
      labels.set(image, imageLabels?.[SOURCE_LABEL] ?? '');
    }
  }
  return labels;
}
