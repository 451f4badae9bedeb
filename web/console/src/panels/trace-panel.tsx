import * as React from 'react';
import { Button } from '@/components/ui/button.tsx';
import { postAction } from '../console-api.ts';
import { PanelCard, StateBadge, Table } from '../panel-card.tsx';
import type { BookingHop, ConsoleTrace } from '../views.ts';

const HOP_TONE: Record<BookingHop['result'], 'good' | 'bad' | 'neutral'> = { ok: 'good', failed: 'bad', 'not measured': 'neutral' };

export function TracePanel() {
  const [trace, setTrace] = React.useState<ConsoleTrace>();
  const [error, setError] = React.useState<string>();
  const [running, setRunning] = React.useState(false);
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setTrace(await postAction<ConsoleTrace>('/api/trace'));
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
      description="Creates a test hotel and books a far-future night, times each hop from its POST, then deletes the hotel and cancels the booking."
      unreachable={error}
      actions={<Button size="sm" onClick={() => void run()} disabled={running} data-testid="trace-run">{running ? 'Tracing…' : 'Run trace'}</Button>}
    >
      {trace && (
        <>
          <Table testId="trace-hops" head={['hop', 'result', 'ms', 'detail']} rows={trace.hops.map((h) => [h.hop, <StateBadge state={h.ok ? 'ok' : 'failed'} tone={h.ok ? 'good' : 'bad'} />, h.ms === null ? '–' : Math.round(h.ms), <span className="break-all">{h.detail}</span>])} />
          <p className="text-muted-foreground">hotel {trace.hotelId ?? '–'} {trace.deleted ? 'deleted again' : trace.hotelId ? 'NOT deleted: remove it with DELETE /api/hotels/' + trace.hotelId : ''}</p>
          <p className="font-medium">A booking: API → saga steps → CONFIRMED → availability in search</p>
          <Table
            testId="trace-booking-hops"
            head={['hop', 'result', 'ms', 'participant', 'detail']}
            rows={trace.booking.hops.map((h) => [h.hop, <StateBadge state={h.result} tone={HOP_TONE[h.result]} />, h.ms === null ? '–' : Math.round(h.ms), h.participant ?? '–', <span className="break-all">{h.detail}</span>])}
          />
          <p className="text-muted-foreground" data-testid="trace-booking-cleanup">{trace.booking.cleanup}</p>
        </>
      )}
    </PanelCard>
  );
}
