import * as React from 'react';
import { getJson, type Panel } from '../console-api.ts';
import { FilterField, PanelCard, StateBadge, Table } from '../panel-card.tsx';
import { usePoll } from '../use-poll.ts';
import type { ChangesView } from '../views.ts';

function changed(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  if (!before && !after) return '–';
  if (!before) return `→ ${JSON.stringify(after)}`;
  if (!after) return `${JSON.stringify(before)} → (deleted)`;
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return keys.map((k) => `${k}: ${JSON.stringify(before[k])} → ${JSON.stringify(after[k])}`).join(', ') || '(no field changed)';
}

export function ChangesPanel({ intervalMs }: { intervalMs: number }) {
  const [id, setId] = React.useState('');
  const polled = usePoll(() => getJson<Panel<ChangesView>>(`/api/changes${id.trim() ? `?id=${encodeURIComponent(id.trim())}` : ''}`), intervalMs, [id]);
  const panel = polled.data;
  const events = panel?.ok ? panel.data.events.slice(0, 25) : [];
  return (
    <PanelCard
      id="changes"
      title="Change events"
      description={panel?.ok ? <>latest events on <code>{panel.data.topic}</code>, decoded</> : 'the CDC topic'}
      loading={!panel && !polled.error}
      unreachable={polled.error ?? (panel && !panel.ok ? panel.unreachable : undefined)}
      className="lg:col-span-2"
      actions={<FilterField id="change-id" label="hotel id" testId="changes-filter" value={id} onChange={setId} className="w-28" />}
    >
      <Table
        testId="changes-table"
        head={['time', 'partition@offset', 'id', 'op', 'before → after']}
        rows={events.map((e) => [
          new Date(e.at).toLocaleTimeString(),
          `${e.partition}@${e.offset}`,
          <span data-testid="change-id">{e.id ?? '–'}</span>,
          <StateBadge state={e.op} tone="neutral" />,
          <span className="break-all font-mono text-[11px]">{changed(e.before, e.after)}</span>,
        ])}
      />
      {panel?.ok && events.length === 0 && <p className="text-muted-foreground">no events{id ? ` for id ${id}` : ''} in the window</p>}
    </PanelCard>
  );
}
