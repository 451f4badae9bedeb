/**
 * The local images that exist, each with its ID and SOURCE_LABEL, in one `docker image
 * inspect` call (a no-op `up` has about a second in all). An image missing from the
 * answer is missing locally; Docker prints the ones it has and fails for the rest.
 */
import type { Exec } from '../exec.ts';
import { SOURCE_LABEL } from './local-builds.ts';

export interface LocalImage {
  /** The image ID (sha256:…), which Compose records on each container it creates. */
  id: string;
  /** The fingerprint of the sources it was built from; '' when it has none. */
  source: string;
}

export async function readLocalImages(exec: Exec, images: string[]): Promise<Map<string, LocalImage>> {
  const result = await exec('docker', ['image', 'inspect', '--format', '{{json .RepoTags}}\t{{.Id}}\t{{json .Config.Labels}}', ...images]);
  return parseLocalImages(result.stdout, images);
}

export function parseLocalImages(stdout: string, images: string[]): Map<string, LocalImage> {
  const found = new Map<string, LocalImage>();
  for (const line of stdout.split('\n')) {
    const [tagsJson, id, labelsJson] = line.split('\t');
    if (!tagsJson || !id || !labelsJson) continue;
    const tags = JSON.parse(tagsJson) as string[] | null;
    const labels = JSON.parse(labelsJson) as Record<string, string> | null;
    for (const image of images.filter((name) => tags?.includes(name))) {
      found.set(image, { id, source: labels?.[SOURCE_LABEL] ?? '' });
    }
  }
  return found;
}
