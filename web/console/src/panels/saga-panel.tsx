/**
 * The booking saga: bookings by state, each booking's timeline (step, who answered, how long
 * it took, why it compensated), sagas unfinished after the bound highlighted, and each
 * service's outbox lag. Everything comes from the console's server (saga-view.ts,
 * outbox-lag.ts); no PIN is ever part of it.
 */
import * as React from 'react';
import { cn } from '@/lib/utils.ts';
import { getJson, type Panel } from '../console-api.ts';
import { FilterField, PanelCard, StateBadge, Table } from '../panel-card.tsx';
import { usePoll } from '../use-poll.ts';
import type { SagaBookingView, SagaPanelView, ServiceOutboxLag } from '../views.ts';

const STATE_TONE: Record<string, 'good' | 'bad' | 'neutral'> = { CONFIRMED: 'good', CANCELLED: 'bad' };

export function millis(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function SagaPanel({ intervalMs }: { intervalMs: number }) {
  const [number, setNumber] = React.useState('');
  const wanted = number.trim();
  const polled = usePoll(() => getJson<Panel<SagaPanelView>>(`/api/saga${wanted ? `?number=${encodeURIComponent(wanted)}` : ''}`), intervalMs, [wanted]);
  const outbox = usePoll(() => getJson<Panel<ServiceOutboxLag[]>>('/api/saga/outbox'), intervalMs);
  const panel = polled.data;
  const view = panel?.ok ? panel.data : undefined;
  return (
    <PanelCard
      id="saga"
      title="Booking saga"
      description={<>bookings by state and each saga&apos;s steps; unfinished after {view?.staleAfterS ?? '…'} s (the bound of <code>verify:bookings</code>) is highlighted. No PIN is ever shown.</>}
      loading={!panel && !polled.error}
      unreachable={polled.error ?? (panel && !panel.ok ? panel.unreachable : undefined)}
      className="lg:col-span-2"
      actions={<FilterField id="saga-number" label="booking number" testId="saga-number" value={number} onChange={setNumber} className="w-32" />}
    >
      {view && (
        <>
          <div className="flex flex-wrap gap-2" data-testid="saga-counts">
            {view.counts.map((c) => (
              <span key={c.state} className="flex items-center gap-1">
                <StateBadge state={c.state} tone={STATE_TONE[c.state] ?? 'neutral'} />
                <span data-testid={`saga-count-${c.state}`}>{c.count}</span>
              </span>
            ))}
            <span className="text-muted-foreground">{view.total} in all{view.overdue > 0 ? `, ${view.overdue} overdue` : ''}</span>
          </div>
          <BookingsTable bookings={view.bookings} expandAll={view.number !== null} />
          {view.number !== null && view.bookings.length === 0 && <p className="text-muted-foreground">no booking {view.number}</p>}
        </>
      )}
      <OutboxLag panel={outbox.data} error={outbox.error} />
    </PanelCard>
  );
}

function BookingsTable({ bookings, expandAll }: { bookings: SagaBookingView[]; expandAll: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table data-testid="saga-bookings" className="w-full border-collapse text-left text-xs">
        <thead>
          <tr className="border-b text-muted-foreground">
            {['number', 'state', 'step', 'reason', 'age', 'took', 'stay', 'steps'].map((h) => (
              <th key={h} scope="col" className="px-2 py-1 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.number} data-testid={`saga-booking-${b.number}`} className={cn('border-b align-top last:border-0', b.overdue && 'bg-destructive/10')}>
              <td className="px-2 py-1 font-mono">{b.number}</td>
              <td className="px-2 py-1">
                <StateBadge state={b.state} tone={STATE_TONE[b.state] ?? 'neutral'} testId={`saga-state-${b.number}`} />
                {b.overdue && <StateBadge state="overdue" tone="bad" testId={`saga-overdue-${b.number}`} />}
              </td>
              <td className="px-2 py-1">{b.step}</td>
              <td className="px-2 py-1">{b.reason ?? '–'}</td>
              <td className="px-2 py-1">{millis(b.ageMs)}</td>
              <td className="px-2 py-1">{millis(b.durationMs)}</td>
              <td className="px-2 py-1 text-muted-foreground">hotel {b.hotelId}, room type {b.roomTypeId}, {b.checkIn} → {b.checkOut}, {b.guests} guest(s)</td>
              <td className="px-2 py-1">
                <details open={expandAll || b.overdue}>
                  <summary className="cursor-pointer">{b.timeline.length} steps</summary>
                  <Table
                    testId={`saga-timeline-${b.number}`}
                    head={['#', 'step', 'outcome', 'participant', 'took', 'reason']}
                    rows={b.timeline.map((s) => [
                      s.seq,
                      <span className={cn(s.compensation && 'text-destructive')}>{s.step}</span>,
                      s.outcome,
                      s.participant,
                      millis(s.tookMs),
                      s.reason ?? '',
                    ])}
                  />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OutboxLag({ panel, error }: { panel: Panel<ServiceOutboxLag[]> | undefined; error: string | undefined }) {
  const problem = error ?? (panel && !panel.ok ? `cannot reach ${panel.unreachable}` : undefined);
  const rows = panel?.ok ? panel.data : [];
  return (
    <div className="grid gap-1">
      <p className="font-medium">Outbox lag: rows written, not yet on Kafka</p>
      {problem && <p role="alert" className="text-destructive">{problem}</p>}
      <Table
        testId="outbox-lag"
        head={['service', 'connector', 'pending', 'oldest pending', 'newest row']}
        rows={rows.map((r) => [
          r.service,
          <span className="break-all text-muted-foreground">{r.connector}</span>,
          <span data-testid={`outbox-pending-${r.service}`}>{r.lag ? `${r.lag.capped ? '≥ ' : ''}${r.lag.pending}` : r.unmeasured}</span>,
          r.lag ? millis(r.lag.oldestPendingAgeMs) : '–',
          r.lag ? (r.lag.newestRowAgeMs === null ? 'empty outbox' : `${millis(r.lag.newestRowAgeMs)} ago`) : '–',
        ])}
      />
    </div>
  );
}
