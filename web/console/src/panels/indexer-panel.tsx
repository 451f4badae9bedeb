import { PanelCard, StateBadge, Table } from '../panel-card.tsx';
import type { IndexerView, LagSample } from '../views.ts';

/** Lag over the sampled minutes as a small line (the console samples it; Kafka keeps no history). */
function LagLine({ history }: { history: LagSample[] }) {
  if (history.length < 2) return <p className="text-muted-foreground">lag history: collecting samples…</p>;
  const width = 320;
  const height = 48;
  const max = Math.max(1, ...history.map((s) => s.total));
  const t0 = history[0]!.at;
  const span = Math.max(1, history[history.length - 1]!.at - t0);
  const points = history.map((s) => `${((s.at - t0) / span) * width},${height - (s.total / max) * height}`).join(' ');
  return (
    <figure className="grid gap-1">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-12 w-full max-w-sm rounded bg-muted" role="img" aria-label={`consumer lag over the last ${Math.round(span / 60000)} min, at most ${max}`}>
        <polyline points={points} fill="none" stroke="var(--color-primary)" strokeWidth="2" />
      </svg>
      <figcaption className="text-xs text-muted-foreground">total lag, last {Math.max(1, Math.round(span / 60000))} min (max {max})</figcaption>
    </figure>
  );
}

function throughput(history: LagSample[]): string {
  const first = history[0];
  const last = history[history.length - 1];
  if (!first || !last || last.at <= first.at) return '–';
  return `${(Math.max(0, last.committed - first.committed) / ((last.at - first.at) / 1000)).toFixed(2)} msg/s`;
}

export function IndexerPanel({ view, error }: { view: IndexerView | undefined; error: string | undefined }) {
  const container = view?.container;
  const group = view?.group;
  const letters = view?.deadLetters;
  const latest = group?.ok ? group.data.history[group.data.history.length - 1] : undefined;
  const unreachable = [error, container && !container.ok ? container.unreachable : undefined, group && !group.ok ? group.unreachable : undefined].filter(Boolean).join('; ') || undefined;
  return (
    <PanelCard id="indexer" title="Search indexer" description={view ? <>consumer group <code>{view.consumerGroup}</code>; the console reads as <code>{view.readerGroup ?? '–'}</code>, which never commits</> : undefined} loading={!view && !error} unreachable={unreachable}>
      {view && (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <span>container {container?.ok ? <StateBadge state={container.data?.state ?? 'not created'} tone={container.data?.readiness === 'ready' ? 'good' : 'bad'} testId="indexer-container" /> : '–'}</span>
            <span>group {group?.ok ? <StateBadge state={group.data.groupState} testId="indexer-group" /> : '–'}</span>
            <span>members <strong data-testid="indexer-members">{group?.ok ? group.data.members : '–'}</strong></span>
            <span>lag <strong data-testid="indexer-lag">{latest ? latest.total : '–'}</strong></span>
            <span>throughput <strong>{group?.ok ? throughput(group.data.history) : '–'}</strong></span>
            <span>dead letters <strong data-testid="indexer-dlq">{group?.ok ? group.data.deadLetterCount : '–'}</strong></span>
          </div>
          {group?.ok && <LagLine history={group.data.history} />}
          {latest && <Table testId="indexer-partitions" head={['partition', 'end offset', 'committed', 'lag']} rows={latest.partitions.map((p) => [p.partition, p.high, p.committed ?? '–', p.lag])} />}
          {letters && !letters.ok && <p className="text-destructive">dead letters: cannot reach {letters.unreachable}</p>}
          {letters?.ok && letters.data.length > 0 && (
            <div className="grid gap-1">
              <p className="font-medium">latest dead letters</p>
              {letters.data.slice(0, 5).map((letter) => (
                <pre key={`${letter.partition}-${letter.offset}`} className="overflow-auto rounded-md bg-muted p-2 text-[11px] leading-tight">
                  {`${letter.at} p${letter.partition}@${letter.offset}\n${Object.entries(letter.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n${letter.value}`}
                </pre>
              ))}
            </div>
          )}
        </>
      )}
    </PanelCard>
  );
}
