/**
 * Parses `docker compose ps --all --format json`, Compose's own JSON, health
 * included. The shape changed between
 * releases: Compose 2.26 (what Debian 13 ships, and CI) prints one JSON object per
 * line, other releases print one JSON array. Both are accepted.
 */
export interface Publisher {
  url: string;
  targetPort: number;
  publishedPort: number;
  protocol: string;
}

export interface ContainerState {
  name: string;
  /** From the com.docker.compose.service label (falls back to Service). */
  service: string;
  project: string;
  /** running, exited, created, restarting, paused, dead. */
  state: string;
  /** The image by name (booking-devstack/services:<project>), or by ID once the name points to another image. */
  image?: string;
  /** healthy, unhealthy, starting, or '' when the service has no healthcheck. */
  health: string;
  exitCode: number;
  /** `compose run` containers carry com.docker.compose.oneoff=True; they are not the stack. */
  oneOff: boolean;
  status: string;
  publishers: Publisher[];
  labels: Record<string, string>;
}

type Raw = Record<string, unknown>;

export function parsePs(output: string): ContainerState[] {
  const text = output.trim();
  if (text === '') return [];
  const raws: Raw[] = text.startsWith('[')
    ? (JSON.parse(text) as Raw[])
    : text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Raw);
  return raws.map(toContainer);
}

function toContainer(raw: Raw): ContainerState {
  const labels = typeof raw.Labels === 'string' ? parseLabels(raw.Labels) : ((raw.Labels as Record<string, string>) ?? {});
  return {
    name: str(raw.Name),
    service: labels['com.docker.compose.service'] ?? str(raw.Service),
    project: labels['com.docker.compose.project'] ?? str(raw.Project),
    state: str(raw.State).toLowerCase(),
    image: str(raw.Image),
    health: str(raw.Health).toLowerCase(),
    exitCode: Number(raw.ExitCode ?? 0),
    oneOff: (labels['com.docker.compose.oneoff'] ?? 'False').toLowerCase() === 'true',
    status: str(raw.Status),
    publishers: Array.isArray(raw.Publishers) ? (raw.Publishers as Raw[]).map(toPublisher) : [],
    labels,
  };
}

function toPublisher(raw: Raw): Publisher {
  return {
    url: str(raw.URL),
    targetPort: Number(raw.TargetPort ?? 0),
    publishedPort: Number(raw.PublishedPort ?? 0),
    protocol: str(raw.Protocol) || 'tcp',
  };
}

/**
 * `docker ps` renders labels as "k=v,k=v", and some values hold commas themselves
 * (com.docker.compose.project.config_files lists files). Split only before "key=".
 */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of text.split(/,(?=[A-Za-z0-9][A-Za-z0-9._-]*=)/)) {
    const eq = part.indexOf('=');
    if (eq > 0) labels[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return labels;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
