/**
 * The slice of Kafka Connect's REST API the orchestrator uses
 * (https://kafka.apache.org/documentation/#connect_rest). HTTP goes through an
 * injected fetch so registration is unit-tested with a fake.
 */
export type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

export interface TaskStatus {
  id: number;
  state: string;
  worker_id?: string;
  trace?: string;
}

export interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id?: string; trace?: string };
  tasks: TaskStatus[];
}

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T | undefined;
  text: string;
}

export function createConnectClient(baseUrl: string, fetchImpl: Fetch = fetch as unknown as Fetch, timeoutMs = 10_000) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
    const response = await fetchImpl(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: T | undefined;
    try {
      parsed = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  }
  const path = (name: string) => `/connectors/${encodeURIComponent(name)}`;
  return {
    baseUrl,
    /** Idempotent create-or-update. POST /connectors answers 409 when it exists (kafka-ops/julie#328). */
    putConfig: (name: string, config: Record<string, string>) => call('PUT', `${path(name)}/config`, config),
    status: (name: string) => call<ConnectorStatus>('GET', `${path(name)}/status`),
    restartFailed: (name: string) => call('POST', `${path(name)}/restart?includeTasks=true&onlyFailed=true`),
    /** The connector and all its tasks, running or not. */
    restartAll: (name: string) => call('POST', `${path(name)}/restart?includeTasks=true&onlyFailed=false`),
    pause: (name: string) => call('PUT', `${path(name)}/pause`),
    /** Resumes a PAUSED or STOPPED connector and its tasks (202). */
    resume: (name: string) => call('PUT', `${path(name)}/resume`),
    list: () => call<Record<string, { status: ConnectorStatus }>>('GET', '/connectors?expand=status'),
    /** KIP-875 (Kafka 3.5+): stops the connector and its tasks but keeps its config, so its offsets can be reset. */
    stop: (name: string) => call('PUT', `${path(name)}/stop`),
    /** KIP-875 (Kafka 3.6+): forgets where the connector was; only on a STOPPED connector (400 otherwise). */
    resetOffsets: (name: string) => call('DELETE', `${path(name)}/offsets`),
    remove: (name: string) => call('DELETE', path(name)),
  };
}

export type ConnectClient = ReturnType<typeof createConnectClient>;

