/**
 * Shown after a create: the seconds until search finds the new hotel, which is the
 * whole change-data-capture path (the database's binlog → Debezium → Kafka → indexer →
 * Elasticsearch) made visible, naming the engine that runs.
 */
import { CheckCircle2, Loader2, TriangleAlert } from 'lucide-react';
import * as React from 'react';
import { api } from '@/lib/api.ts';
import { pipelineText } from '@/lib/database-engine.ts';
import type { Hotel } from '@/lib/hotel.ts';
import { watchUntilSearchable, type WatchOutcome } from '@/lib/searchable-watch.ts';
import { useDatabaseEngine } from '@/lib/use-database-engine.ts';

export function SearchableStatus({ hotel }: { hotel: Hotel }) {
  const [waited, setWaited] = React.useState(0);
  const [outcome, setOutcome] = React.useState<WatchOutcome>();
  const engine = useDatabaseEngine();
  React.useEffect(() => {
    const controller = new AbortController();
    void watchUntilSearchable({ search: api.searchText, id: hotel.id, name: hotel.name, signal: controller.signal, onProgress: setWaited }).then(
      (result) => !controller.signal.aborted && setOutcome(result),
    );
    return () => controller.abort();
  }, [hotel.id, hotel.name]);

  const seconds = (n: number) => `${n.toFixed(1)} s`;
  return (
    <div role="status" data-testid="searchable-status" className="flex items-center gap-2 rounded-lg border bg-card p-3 text-sm">
      {!outcome && (
        <>
          <Loader2 className="size-4 animate-spin" aria-hidden="true" />
          <span>Saved. Waiting for search to find it… {seconds(waited)}</span>
        </>
      )}
      {outcome?.kind === 'confirmed' && (
        <>
          <CheckCircle2 className="size-4 text-success" aria-hidden="true" />
          <span>
            Searchable after <strong data-testid="searchable-seconds">{seconds(outcome.seconds)}</strong> ({pipelineText(engine)})
          </span>
        </>
      )}
      {outcome?.kind === 'timeout' && (
        <>
          <TriangleAlert className="size-4 text-destructive" aria-hidden="true" />
          <span>
            Not searchable after {seconds(outcome.seconds)}{outcome.lastError ? ` (${outcome.lastError})` : ''}. Check the pipeline with `npm run status`.
          </span>
        </>
      )}
    </div>
  );
}
