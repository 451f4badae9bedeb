import * as React from 'react';
import { Button } from '@/components/ui/button.tsx';
import { postAction } from '../console-api.ts';
import { PanelCard, StateBadge, Table } from '../panel-card.tsx';
import type { Trace } from '../views.ts';

export function TracePanel() {
  const [trace, setTrace] = React.useState<Trace>();
  const [error, setError] = React.useState<string>();
  const [running, setRunning] = React.useState(false);
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setTrace(await postAction<Trace>('/api/trace'));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <PanelCard
      id="trace"
      title="Golden-path trace"
      description="Creates a test hotel, times each hop from the POST, then deletes it."
      unreachable={error}
      actions={<Button size="sm" onClick={() => void run()} disabled={running} data-testid="trace-run">{running ? 'Tracing…' : 'Run trace'}</Button>}
    >
      {trace && (
        <>
          <Table testId="trace-hops" head={['hop', 'result', 'ms', 'detail']} rows={trace.hops.map((h) => [h.hop, <StateBadge state={h.ok ? 'ok' : 'failed'} tone={h.ok ? 'good' : 'bad'} />, h.ms === null ? '–' : Math.round(h.ms), <span className="break-all">{h.detail}</span>])} />
          <p className="text-muted-foreground">hotel {trace.hotelId ?? '–'} {trace.deleted ? 'deleted again' : trace.hotelId ? 'NOT deleted: remove it with DELETE /api/hotels/' + trace.hotelId : ''}</p>
        </>
      )}
    </PanelCard>
  );
}
