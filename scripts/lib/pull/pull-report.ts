/**
 * Failed pulls → one short message per cause, each with its fix. Compose prints a
 * failed pull three times (the service's event, its error line, the daemon's error)
 * and for every image: 55 lines for six images on a machine without registry access
 * (issue 12). Here each cause is said once, naming the images it stopped.
 */
import { UserError } from '../errors.ts';
import { classifyPullFailure, errorLineOf, registryHostOf, registryOfImage, type PullFailureCause } from './pull-failure.ts';

export interface PullFailure {
  image: string;
  /** The .env variable that named the image, when one did (KAFKA_IMAGE). */
  variable?: string;
  /** Everything Compose printed for this image's pull. */
  output: string;
}

interface CauseMessage {
  message: string;
  fix: string;
}

const ORDER: PullFailureCause[] = ['unreachable', 'rate-limit', 'no-space', 'not-found', 'other'];

export function pullFailureError(failures: PullFailure[]): UserError {
  const byCause = new Map<PullFailureCause, PullFailure[]>();
  for (const failure of failures) {
    const cause = classifyPullFailure(failure.output);
    byCause.set(cause, [...(byCause.get(cause) ?? []), failure]);
  }
  const messages = ORDER.filter((cause) => byCause.has(cause)).map((cause) => describeCause(cause, byCause.get(cause)!));
  if (messages.length === 1) return new UserError(messages[0]!.message, messages[0]!.fix);
  return new UserError(messages.map(({ message, fix }) => `${message}\n  fix: ${fix}`).join('\n✖ '), 'apply the fix of each cause above, then npm run up');
}

export function describeCause(cause: PullFailureCause, failures: PullFailure[]): CauseMessage {
  const images = failures.map((f) => f.image).join(', ');
  switch (cause) {
    case 'unreachable': {
      const hosts = [...new Set(failures.map((f) => registryHostOf(f.output) ?? registryOfImage(f.image)))].join(', ');
      return {
        message: `cannot reach the image registry (${hosts}: ${unreachableReason(failures.map((f) => f.output).join('\n'))}), so the missing images cannot be pulled: ${images}`,
        fix: 'check the network, proxy or VPN (Docker Desktop: Settings → Resources → Proxies; Docker Engine: the daemon\'s HTTPS_PROXY), then npm run up',
      };
    }
    case 'rate-limit':
      return {
        message: `Docker Hub refused to pull ${images}: the anonymous pull rate limit is reached (toomanyrequests)`,
        fix: 'docker login (a free Docker Hub account has a higher limit), then npm run up',
      };
    case 'no-space':
      return {
        message: `no space left on device while pulling ${images}`,
        fix: 'free disk space for Docker: docker system prune (Docker Desktop: Settings → Resources → Disk usage limit), then npm run up',
      };
    case 'not-found': {
      const named = failures.map((f) => (f.variable ? `${f.image} (${f.variable})` : f.image)).join(', ');
      const variables = [...new Set(failures.flatMap((f) => (f.variable ? [f.variable] : [])))];
      return {
        message: `image not found in its registry: ${named} (${errorLineOf(failures[0]!.output)})`,
        fix: variables.length > 0
          ? `build that image on this machine, or correct or empty ${variables.join(', ')} in .env (empty = the official image), then npm run up`
          : 'check the versions in compose/versions.env (git checkout -- compose/versions.env restores them), then npm run up',
      };
    }
    case 'other':
      return {
        message: `docker compose pull failed for ${images}: ${errorLineOf(failures[0]!.output) || 'no output'}`,
        fix: 'npm run up -- --verbose shows Compose\'s full output',
      };
  }
}

function unreachableReason(text: string): string {
  if (/no such host|server misbehaving|temporary failure in name resolution/i.test(text)) return 'name not resolved';
  if (/x509:|certificate/i.test(text)) return 'TLS certificate not trusted, often a proxy that inspects traffic';
  if (/proxyconnect/i.test(text)) return 'proxy refused the connection';
  if (/timeout|timed out|Client\.Timeout/i.test(text)) return 'timed out';
  if (/connection refused/i.test(text)) return 'connection refused';
  return 'no connection';
}
