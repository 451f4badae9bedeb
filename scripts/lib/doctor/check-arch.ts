/**
 * Reported, not judged: every image the stack uses is multi-arch. The one known
 * trap is JVMs crashing with SIGILL on Apple M4 under macOS 15.2 (docker/for-mac#7505).
 */
import { arch as osArch } from 'node:os';
import { ok, type CheckResult } from './check.ts';

export function archCheck(arch: string = osArch(), platform: NodeJS.Platform = process.platform): CheckResult {
  const details =
    arch === 'arm64' && platform === 'darwin'
      ? ['if Kafka, Connect or Elasticsearch die with SIGILL on an M4 Mac, set JAVA_TOOL_OPTIONS=-XX:UseSVE=0 (docker/for-mac#7505)']
      : undefined;
  return ok('cpu', `${arch} (${platform})`, details);
}
