import * as React from 'react';
import { Button } from '@/components/ui/button.tsx';
import { getJson, postAction, type Panel } from '../console-api.ts';
import { PanelCard, Table } from '../panel-card.tsx';
import { driftSections } from '../drift-sections.ts';
import type { DriftView, ReindexState, SearchVerifyJson } from '../views.ts';

/** While a reindex runs, its state is read this often; otherwise never (the server keeps it). */
const REINDEX_POLL_MS = 1_000;

export function DriftPanel({ panel }: { panel: Panel<DriftView> | undefined }) {
  const view = panel?.ok ? panel.data : undefined;
  const part = (p: DriftView['database'] | undefined) => (!p ? '–' : p.ok ? String(p.count) : `cannot reach ${p.unreachable}`);
  const [verify, setVerify] = React.useState<Panel<SearchVerifyJson>>();
  const [checking, setChecking] = React.useState(false);
  const [reindex, setReindex] = React.useState<ReindexState>();
  const [actionError, setActionError] = React.useState<string>();

  // Verify reads every row and every document: on demand only (this button, and after a reindex).
  const check = React.useCallback(async () => {
    setChecking(true);
    try {
      setVerify(await getJson<Panel<SearchVerifyJson>>('/api/search-verify'));
    } catch (error) {
      setVerify({ ok: false, at: new Date().toISOString(), unreachable: (error as Error).message });
    } finally {
      setChecking(false);
    }
  }, []);

  // A reindex started here (or already running when the page loaded): follow it while it runs, then show the fresh drift.
  React.useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasRunning = reindex?.running === true;
    const read = () =>
      getJson<ReindexState>('/api/reindex').then(
        (state) => {
          if (!current) return;
          setReindex(state);
          if (wasRunning && !state.running) void check();
          wasRunning = state.running;
          if (state.running) timer = setTimeout(read, REINDEX_POLL_MS);
        },
        () => undefined,
      );
    if (reindex === undefined || reindex.running) void read();
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reindex?.startedAt]);

  const startReindex = async () => {
    setActionError(undefined);
    try {
      setReindex(await postAction<ReindexState>('/api/reindex'));
    } catch (error) {
      setActionError((error as Error).message);
    }
  };

  const result = verify?.ok ? verify.data : undefined;
  const running = reindex?.running === true;
  return (
    <PanelCard
      id="drift"
      title="Search vs database"
      description="The hotels' counts refresh on their own; Check drift compares every row with its document, the hotels' and date search's availability (npm run verify), Reindex rebuilds both indices from the databases (npm run reindex)."
      loading={!panel}
      unreachable={panel && !panel.ok ? panel.unreachable : undefined}
      actions={
        <>
          <Button size="sm" variant="secondary" disabled={checking || running} onClick={() => void check()} data-testid="drift-check">{checking ? 'Checking…' : 'Check drift'}</Button>
          <Button size="sm" disabled={running} onClick={() => void startReindex()} data-testid="reindex-run">{running ? 'Reindexing…' : 'Reindex'}</Button>
        </>
      }
    >
      {view && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-muted-foreground">database rows</dt>
          <dd data-testid="drift-database">{part(view.database)}</dd>
          <dt className="text-muted-foreground">search documents</dt>
          <dd data-testid="drift-search">{part(view.search)}</dd>
          <dt className="text-muted-foreground">count difference</dt>
          <dd data-testid="drift-value" className={view.drift ? 'font-semibold text-destructive' : ''}>{view.drift === null ? '–' : view.drift === 0 ? 'none' : `${view.drift > 0 ? '+' : ''}${view.drift} (may be events in flight)`}</dd>
        </dl>
      )}
      {verify && !verify.ok && <p role="alert" data-testid="drift-verify-error" className="text-destructive">cannot check: {verify.unreachable}</p>}
      {result && (
        <>
          <p data-testid="drift-verdict" className={result.clean ? '' : 'font-semibold text-destructive'}>
            {result.clean ? 'no drift' : 'search has drifted from the database'} (checked {new Date(verify!.at).toLocaleTimeString()})
          </p>
          {driftSections(result).map((section) => (
            <section key={section.testId} data-testid={`${section.testId}-section`} className="grid gap-1">
              <p className={section.clean ? 'font-medium' : 'font-semibold text-destructive'}>
                {section.title}: {section.clean ? 'no drift' : 'drifted'}
              </p>
              <p data-testid={`${section.testId}-summary`} className="text-muted-foreground">{section.summary}</p>
              <Table
                testId={`${section.testId}-kinds`}
                head={['drift', 'count', 'ids (first 10)']}
                rows={section.kinds.map(({ kind, label, count, ids }) => [
                  label,
                  <span data-testid={`${section.testId}-${kind}-count`}>{count}</span>,
                  <span data-testid={`${section.testId}-${kind}-ids`} className="break-all">{ids}</span>,
                ])}
              />
            </section>
          ))}
        </>
      )}
      {actionError && <p role="alert" data-testid="reindex-error" className="text-destructive">{actionError}</p>}
      {reindex?.startedAt && (
        <div data-testid="reindex-status" role="status" className="grid gap-1 text-muted-foreground">
          <p>
            reindex {reindex.running ? 'running' : reindex.error ? 'failed' : 'done'} (started {new Date(reindex.startedAt).toLocaleTimeString()})
            {reindex.progress && `: ${reindex.progress.rows} rows read, ${reindex.progress.written} written, ${reindex.progress.newerInIndex} already newer in the index`}
          </p>
          {reindex.steps.length > 0 && <p className="text-xs">{reindex.steps.at(-1)}</p>}
          {reindex.result && (
            <div data-testid="reindex-result">
              <p data-testid="reindex-result-hotels">✔ {reindex.result.target}: {reindex.result.backfill.rows} rows copied; {reindex.result.documents} documents searchable</p>
              <p data-testid="reindex-result-availability">✔ {reindex.result.availability.target}: {reindex.result.availability.backfill.rows} room types and nights copied; {reindex.result.availability.documents} documents searchable</p>
            </div>
          )}
          {reindex.error && <p data-testid="reindex-failed" className="text-destructive">{reindex.error}; run Reindex again (it resumes what this run left) or `npm run reindex`</p>}
        </div>
      )}
    </PanelCard>
  );
}
