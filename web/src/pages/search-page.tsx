import { ChevronLeft, ChevronRight, Search } from 'lucide-react';
import * as React from 'react';
import { DeleteCatchUp } from '@/components/delete-catch-up.tsx';
import { ErrorPanel } from '@/components/error-panel.tsx';
import { HotelHeading } from '@/components/hotel-heading.tsx';
import { HotelPhoto } from '@/components/hotel-photo.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { StayPicker } from '@/components/stay-picker.tsx';
import { api } from '@/lib/api.ts';
import { deletedHotelOf } from '@/lib/deleted-hotel.ts';
import type { SearchHit } from '@/lib/hotel.ts';
import { formatMoney } from '@/lib/money.ts';
import { clearNavigationState, Link, navigate } from '@/lib/navigation.tsx';
import { pageInfo } from '@/lib/paging.ts';
import { hrefs } from '@/lib/routes.ts';
import { PAGE_SIZE, searchStateFromUrl, searchStateToUrl, type SearchState } from '@/lib/search-query.ts';
import { completeStay, DEFAULT_GUESTS, plural, utcToday, type StayDraft } from '@/lib/stay.ts';
import { useAsync } from '@/lib/use-async.ts';

const ANY = 'any';

export function SearchPage({ search }: { search: string }) {
  const state = searchStateFromUrl(search);
  const [draft, setDraft] = React.useState(state);
  const [stayDraft, setStayDraft] = React.useState<StayDraft>(() => stayDraftOf(state));
  const [stayError, setStayError] = React.useState<string>();
  const today = utcToday(new Date());
  // The address bar changed (back button, paging): the form follows it.
  React.useEffect(() => {
    const next = searchStateFromUrl(search);
    setDraft(next);
    setStayDraft(stayDraftOf(next));
  }, [search]);
  const results = useAsync(() => api.search(state), [search]);
  // Arrived here from a delete: the list may still count the hotel until search drops it.
  const [deleted] = React.useState(() => deletedHotelOf(history.state));
  const caughtUp = () => {
    clearNavigationState();
    results.reload();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    // Half a stay is no stay: say which date is missing rather than search without it.
    if (stayDraft.checkIn && !stayDraft.checkOut) {
      setStayError('Choose a check-out day too, or clear the dates.');
      return;
    }
    setStayError(undefined);
    const stay = completeStay(stayDraft);
    const { stay: _previous, ...rest } = draft;
    navigate(hrefs.search(searchStateToUrl({ ...rest, ...(stay ? { stay } : {}), page: 1 })));
  };
  const goTo = (page: number) => navigate(hrefs.search(searchStateToUrl({ ...state, page })));

  return (
    <div className="grid gap-6">
      <form role="search" aria-label="Hotels" onSubmit={submit} className="grid gap-4 rounded-lg border bg-card p-4 sm:grid-cols-[2fr_1fr_1fr] sm:items-end">
        <div className="grid gap-2">
          <Label htmlFor="search-q">Search hotels</Label>
          <Input id="search-q" type="search" placeholder="Name, city or description" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="search-city">City</Label>
          <Input id="search-city" placeholder="Any city" value={draft.city} onChange={(e) => setDraft({ ...draft, city: e.target.value })} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="search-stars">Stars</Label>
          <Select
            value={draft.minStars === undefined ? ANY : String(draft.minStars)}
            onValueChange={(value) => setDraft({ ...draft, minStars: value === ANY ? undefined : Number(value) })}
          >
            <SelectTrigger id="search-stars">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any stars</SelectItem>
              {[1, 2, 3, 4, 5].map((n) => (
                <SelectItem key={n} value={String(n)}>
                  {n === 5 ? '5 stars' : `${n}+ stars`}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <StayPicker idPrefix="search" value={stayDraft} onChange={setStayDraft} today={today} className="sm:col-span-2" />
        <Button type="submit">
          <Search aria-hidden="true" />
          Search
        </Button>
        {stayError && (
          <p role="alert" className="text-sm font-medium text-destructive sm:col-span-3">
            {stayError}
          </p>
        )}
      </form>

      <section aria-labelledby="results-heading" aria-busy={results.status === 'loading'} className="grid gap-4">
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        {deleted && <DeleteCatchUp hotel={deleted} onCaughtUp={caughtUp} />}
        {results.status === 'loading' && <ResultSkeletons />}
        {results.status === 'error' && <ErrorPanel title="Search failed" message={results.error.message} onRetry={results.reload} />}
        {results.status === 'done' && <Results state={state} total={results.data.total} hits={results.data.hits} goTo={goTo} />}
      </section>
    </div>
  );
}

function stayDraftOf(state: SearchState): StayDraft {
  return state.stay ? { ...state.stay } : { guests: DEFAULT_GUESTS };
}

function Results({ state, total, hits, goTo }: { state: SearchState; total: number; hits: SearchHit[]; goTo: (page: number) => void }) {
  const info = pageInfo(total, state.page, PAGE_SIZE);
  if (hits.length === 0) {
    return (
      <div className="rounded-lg border border-dashed p-8 text-center">
        <p className="font-medium">{state.stay ? 'No hotel has a room free for every night of this stay.' : 'No hotels match this search.'}</p>
        <p className="text-sm text-muted-foreground">
          {state.stay ? 'Try other dates, fewer guests or another city.' : 'Try fewer words, another city or fewer stars — or add the hotel.'}
        </p>
      </div>
    );
  }
  return (
    <>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        Showing {info.first}–{info.last} of {total} hotel{total === 1 ? '' : 's'}
      </p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {hits.map((hotel) => (
          <li key={hotel.id}>
            <Card className="h-full overflow-hidden transition-shadow focus-within:ring-2 focus-within:ring-ring hover:shadow-md">
              {hotel.images?.[0] && (
                <HotelPhoto hash={hotel.images[0]} sizes="(min-width: 1024px) 33vw, (min-width: 640px) 50vw, 100vw" className="aspect-[3/2] w-full object-cover" />
              )}
              <HotelHeading
                hotel={hotel}
                className="gap-2"
                title={
                  <Link href={hrefs.hotelForStay(hotel.id, state.stay)} className="rounded-sm text-lg hover:underline focus-visible:outline-none">
                    {hotel.name}
                  </Link>
                }
              />
              {hotel.description && (
                <CardContent>
                  <p className="line-clamp-3 text-sm">{hotel.description}</p>
                </CardContent>
              )}
              {hotel.stay && (
                <CardContent>
                  <p className="text-sm" data-testid="lowest-total">
                    From <span className="font-semibold">{formatMoney(hotel.stay.lowestTotal)}</span> for {plural(hotel.stay.nights, 'night')}, {plural(hotel.stay.guests, 'guest')}
                  </p>
                </CardContent>
              )}
            </Card>
          </li>
        ))}
      </ul>
      {info.pageCount > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-between gap-2">
          <Button variant="outline" onClick={() => goTo(info.page - 1)} disabled={!info.hasPrevious}>
            <ChevronLeft aria-hidden="true" />
            Previous
          </Button>
          <span className="text-sm">
            Page {info.page} of {info.pageCount}
          </span>
          <Button variant="outline" onClick={() => goTo(info.page + 1)} disabled={!info.hasNext}>
            Next
            <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      )}
    </>
  );
}

function ResultSkeletons() {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" role="status" aria-label="Loading hotels">
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="grid gap-3 rounded-lg border p-6">
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-4 w-1/3" />
          <Skeleton className="h-12 w-full" />
        </div>
      ))}
    </div>
  );
}
