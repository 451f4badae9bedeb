/**
 * The platform console: every panel refreshes on its own every two seconds, and one
 * that cannot reach its part of the stack says so without holding the others back.
 */
import { getJson, type Panel } from './console-api.ts';
import { ChangesPanel } from './panels/changes-panel.tsx';
import { ConnectorPanel } from './panels/connector-panel.tsx';
import { DriftPanel } from './panels/drift-panel.tsx';
import { HaproxyPanel } from './panels/haproxy-panel.tsx';
import { IndexerPanel } from './panels/indexer-panel.tsx';
import { SagaPanel } from './panels/saga-panel.tsx';
import { ServicesPanel } from './panels/services-panel.tsx';
import { TracePanel } from './panels/trace-panel.tsx';
import { usePoll } from './use-poll.ts';
import type { ConnectorView, DriftView, IndexerView, ServerStats, ServiceRow } from './views.ts';

const REFRESH_MS = 2_000;

export function ConsoleApp() {
  const services = usePoll(() => getJson<Panel<ServiceRow[]>>('/api/services'), REFRESH_MS);
  const haproxy = usePoll(() => getJson<Panel<ServerStats[]>>('/api/haproxy'), REFRESH_MS);
  const connector = usePoll(() => getJson<Panel<ConnectorView>>('/api/connector'), REFRESH_MS);
  // Served from the console's last reading, so cheap: the indexer's state shows within seconds.
  const indexer = usePoll(() => getJson<IndexerView>('/api/indexer'), REFRESH_MS / 2);
  const drift = usePoll(() => getJson<Panel<DriftView>>('/api/search-drift'), REFRESH_MS * 2);
  const consoleDown = services.error;
  return (
    <div className="min-h-screen bg-muted/40">
      <header className="border-b bg-background">
        <div className="mx-auto flex max-w-7xl flex-wrap items-baseline justify-between gap-2 px-4 py-3">
          <h1 className="text-lg font-semibold">Booking platform console</h1>
          <p className="text-xs text-muted-foreground">local only · refreshes every {REFRESH_MS / 1000} s</p>
        </div>
      </header>
      <main className="mx-auto grid max-w-7xl gap-4 p-4 lg:grid-cols-2">
        {consoleDown && (
          <p role="alert" className="rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm text-destructive lg:col-span-2">
            {consoleDown}
          </p>
        )}
        <ServicesPanel panel={services.data} />
        <HaproxyPanel panel={haproxy.data} />
        <ConnectorPanel panel={connector.data} onChanged={connector.refresh} />
        <IndexerPanel view={indexer.data} error={indexer.error} />
        <DriftPanel panel={drift.data} />
        <ChangesPanel intervalMs={REFRESH_MS} />
        <SagaPanel intervalMs={REFRESH_MS} />
        <TracePanel />
      </main>
    </div>
  );
}
