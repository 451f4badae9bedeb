import * as React from 'react';
import { Button } from '@/components/ui/button.tsx';
import { getJson, type Panel } from '../console-api.ts';
import { duration, PanelCard, StateBadge, Table } from '../panel-card.tsx';
import type { ServiceRow } from '../views.ts';

export function ServicesPanel({ panel }: { panel: Panel<ServiceRow[]> | undefined }) {
  const [logs, setLogs] = React.useState<{ service: string; text: string } | undefined>();
  const showLogs = async (service: string) => {
    const answer = await getJson<Panel<string>>(`/api/services/${service}/logs?lines=60`).catch((e: Error) => ({ ok: false as const, at: '', unreachable: e.message }));
    setLogs({ service, text: answer.ok ? answer.data || '(no output)' : `cannot read: ${answer.unreachable}` });
  };
  const rows = panel?.ok ? panel.data : [];
  return (
    <PanelCard id="services" title="Services" description="Containers of the stack: state, health, restarts, uptime, image." loading={!panel} unreachable={panel && !panel.ok ? panel.unreachable : undefined} className="lg:col-span-2">
      <Table
        testId="services-table"
        head={['service', 'state', 'restarts', 'uptime', 'image', 'version', '']}
        rows={rows.map((row) => [
          <span className="font-medium" data-testid={`service-${row.service}`}>{row.service}</span>,
          <StateBadge state={row.state} tone={row.readiness === 'ready' ? 'good' : row.readiness === 'failed' || row.readiness === 'missing' ? 'bad' : 'neutral'} testId={`service-state-${row.service}`} />,
          row.restarts ?? '–',
          duration(row.uptimeSeconds),
          <span className="break-all text-muted-foreground">{row.image ?? '–'}</span>,
          row.version ?? '–',
          <Button variant="ghost" size="sm" onClick={() => void showLogs(row.service)} aria-label={`last log lines of ${row.service}`}>
            Logs
          </Button>,
        ])}
      />
      {logs && (
        <div className="grid gap-1">
          <div className="flex items-center justify-between">
            <p className="font-medium">last log lines of {logs.service}</p>
            <Button variant="ghost" size="sm" onClick={() => setLogs(undefined)}>Close</Button>
          </div>
          <pre data-testid="service-logs" className="max-h-72 overflow-auto rounded-md bg-muted p-2 text-[11px] leading-tight">{logs.text}</pre>
        </div>
      )}
    </PanelCard>
  );
}
