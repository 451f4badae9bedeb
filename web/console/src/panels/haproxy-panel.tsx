import type { Panel } from '../console-api.ts';
import { duration, PanelCard, StateBadge, Table } from '../panel-card.tsx';
import type { ServerStats } from '../views.ts';

export function HaproxyPanel({ panel }: { panel: Panel<ServerStats[]> | undefined }) {
  const rows = panel?.ok ? panel.data : [];
  return (
    <PanelCard id="haproxy" title="HAProxy backends" description="Each server behind HAProxy, from its stats endpoint." loading={!panel} unreachable={panel && !panel.ok ? panel.unreachable : undefined}>
      <Table
        testId="haproxy-table"
        head={['backend', 'server', 'status', 'last check', 'since', 'sessions', 'rate/s', '5xx']}
        rows={rows.map((s) => [
          s.proxy,
          <span data-testid={`backend-${s.server}`}>{s.server}</span>,
          <StateBadge state={s.status} tone={s.up === null ? 'neutral' : s.up ? 'good' : 'bad'} testId={`backend-status-${s.server}`} />,
          s.lastCheck,
          duration(s.sinceChangeSeconds),
          s.sessions,
          s.sessionRate,
          s.responses5xx,
        ])}
      />
    </PanelCard>
  );
}
