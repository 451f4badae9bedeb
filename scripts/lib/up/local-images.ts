/**
 * The images Docker holds locally, and the one way to compare image names: `up`
 * pulls what is missing (pull/pull-plan.ts) and the doctor measures the kernel in a
 * container of an image already present (doctor/docker-kernel.ts).
 */
import type { Exec } from '../exec.ts';

/** "haproxy:3.2" and "docker.io/library/haproxy:3.2" are the same image. */
export function normalizeImage(name: string): string {
  let image = name.trim().replace(/^docker\.io\//, '').replace(/^library\//, '');
  if (!/:[^/]+$/.test(image) && !image.includes('@')) image += ':latest';
  return image;
}

export async function localImages(exec: Exec): Promise<Set<string>> {
  const result = await exec('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}']);
  if (result.code !== 0) return new Set();
  return new Set(result.stdout.split('\n').filter((line) => line && !line.includes('<none>')).map(normalizeImage));
}
