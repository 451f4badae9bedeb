import type { Panel } from '../console-api.ts';
import { PanelCard } from '../panel-card.tsx';
import type { DriftView } from '../views.ts';

export function DriftPanel({ panel }: { panel: Panel<DriftView> | undefined }) {
  const view = panel?.ok ? panel.data : undefined;
  const part = (p: DriftView['database'] | undefined) => (!p ? '–' : p.ok ? String(p.count) : `cannot reach ${p.unreachable}`);
  return (
    <PanelCard id="drift" title="Search vs database" description="Rows in MySQL against documents in the search index (counts only; reindex comes with npm run verify)." loading={!panel} unreachable={panel && !panel.ok ? panel.unreachable : undefined}>
      {view && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-muted-foreground">database rows</dt>
          <dd data-testid="drift-database">{part(view.database)}</dd>
          <dt className="text-muted-foreground">search documents</dt>
          <dd data-testid="drift-search">{part(view.search)}</dd>
          <dt className="text-muted-foreground">drift</dt>
          <dd data-testid="drift-value" className={view.drift ? 'font-semibold text-destructive' : ''}>{view.drift === null ? '–' : view.drift === 0 ? 'none' : `${view.drift > 0 ? '+' : ''}${view.drift} (may be events in flight)`}</dd>
        </dl>
      )}
    </PanelCard>
  );
}
