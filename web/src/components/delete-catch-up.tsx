/**
 * Shown on the search page after a delete (lib/deleted-hotel.ts): search is catching
 * up until it no longer finds the hotel; then the page fetches its list again.
 */
import { Loader2, TriangleAlert } from 'lucide-react';
import * as React from 'react';
import { api } from '@/lib/api.ts';
import type { DeletedHotel } from '@/lib/deleted-hotel.ts';
import { watchUntilDropped, type WatchOutcome } from '@/lib/searchable-watch.ts';

export function DeleteCatchUp({ hotel, onCaughtUp }: { hotel: DeletedHotel; onCaughtUp: () => void }) {
  const [outcome, setOutcome] = React.useState<WatchOutcome>();
  // The latest callback, without restarting the watch when the page re-renders.
  const caughtUp = React.useRef(onCaughtUp);
  caughtUp.current = onCaughtUp;
  React.useEffect(() => {
    const controller = new AbortController();
    // By id, not by name: an edit made just before the delete may not have reached search,
    // and a name search for the new name would find nothing at once and end the watch early.
    void watchUntilDropped({ search: () => api.searchHotel(hotel.id), id: hotel.id, name: hotel.name, signal: controller.signal }).then((result) => {
      if (controller.signal.aborted) return;
      setOutcome(result);
      if (result.kind === 'confirmed') caughtUp.current();
    });
    return () => controller.abort();
  }, [hotel.id, hotel.name]);

  if (outcome?.kind === 'confirmed' || outcome?.kind === 'aborted') return null;
  return (
    <div role="status" data-testid="delete-catch-up" className="flex items-center gap-2 rounded-lg border bg-card p-3 text-sm">
      {!outcome ? (
        <>
          <Loader2 className="size-4 animate-spin" aria-hidden="true" />
          <span>{hotel.name} is deleted. Search is catching up; the list updates when it has.</span>
        </>
      ) : (
        <>
          <TriangleAlert className="size-4 text-destructive" aria-hidden="true" />
          <span>
            {hotel.name} is deleted, but search still lists it after {outcome.seconds.toFixed(0)} s{outcome.lastError ? ` (${outcome.lastError})` : ''}. Check the pipeline with `npm run status`.
          </span>
        </>
      )}
    </div>
  );
}
