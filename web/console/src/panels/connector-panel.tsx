import * as React from 'react';
import { Button } from '@/components/ui/button.tsx';
import { postAction, type Panel } from '../console-api.ts';
import { PanelCard, StateBadge, Table } from '../panel-card.tsx';
import type { ConnectorView } from '../views.ts';

const ACTIONS = [
  { action: 'restart-failed', label: 'Restart failed' },
  { action: 'restart-all', label: 'Restart all' },
  { action: 'pause', label: 'Pause' },
  { action: 'resume', label: 'Resume' },
] as const;

export function ConnectorPanel({ panel, onChanged }: { panel: Panel<ConnectorView> | undefined; onChanged: () => void }) {
  const [result, setResult] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const act = async (action: string, label: string) => {
    setBusy(true);
    try {
      const answer = await postAction<Panel<{ status: number; text: string }>>(`/api/connector/${action}`);
      setResult(answer.ok ? `${label}: Kafka Connect answered ${answer.data.status}${answer.data.text ? ` ${answer.data.text}` : ''}` : `${label}: cannot reach ${answer.unreachable}`);
    } catch (error) {
      setResult(`${label}: ${(error as Error).message}`);
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const view = panel?.ok ? panel.data : undefined;
  const traces = view ? [...(view.trace ? [{ what: 'connector', trace: view.trace }] : []), ...view.tasks.filter((t) => t.trace).map((t) => ({ what: `task ${t.id}`, trace: t.trace! }))] : [];
  return (
    <PanelCard
      id="connector"
      title="Debezium connector"
      description={view ? <>connector <code>{view.name}</code></> : 'Kafka Connect'}
      loading={!panel}
      unreachable={panel && !panel.ok ? panel.unreachable : undefined}
      actions={ACTIONS.map(({ action, label }) => (
        <Button key={action} size="sm" variant={action === 'pause' ? 'outline' : 'secondary'} disabled={busy || !view?.registered} onClick={() => void act(action, label)} data-testid={`connector-${action}`}>
          {label}
        </Button>
      ))}
    >
      {view && (
        <>
          <p className="flex items-center gap-2">connector <StateBadge state={view.state} testId="connector-state" /></p>
          <Table testId="connector-tasks" head={['task', 'state', 'worker']} rows={view.tasks.map((t) => [t.id, <StateBadge state={t.state} testId={`task-state-${t.id}`} />, t.worker ?? '–'])} />
          {traces.map(({ what, trace }) => (
            <details key={what} open className="grid gap-1">
              <summary className="cursor-pointer font-medium text-destructive">{what}: {trace.split('\n')[0]}</summary>
              <pre data-testid="connector-trace" className="max-h-64 overflow-auto rounded-md bg-muted p-2 text-[11px] leading-tight">{trace}</pre>
            </details>
          ))}
        </>
      )}
      {result && <p data-testid="connector-result" className="text-muted-foreground" role="status">{result}</p>}
    </PanelCard>
  );
}
