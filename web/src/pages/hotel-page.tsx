import { ArrowLeft, Pencil, Trash2 } from 'lucide-react';
import * as React from 'react';
import { ConfirmActionDialog } from '@/components/confirm-action-dialog.tsx';
import { ErrorPanel } from '@/components/error-panel.tsx';
import { SearchableStatus } from '@/components/searchable-status.tsx';
import { HotelHeading } from '@/components/hotel-heading.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardFooter } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { toast } from '@/components/ui/toast.tsx';
import { api } from '@/lib/api.ts';
import { deletedHotelState } from '@/lib/deleted-hotel.ts';
import type { Hotel } from '@/lib/hotel.ts';
import { Link, navigate } from '@/lib/navigation.tsx';
import { hrefs } from '@/lib/routes.ts';
import { useAsync } from '@/lib/use-async.ts';

// The booking flow is its own chunk, loaded when a hotel page shows (the budget: initial JS ≤ 150 kB gzip).
const HotelRoomsSection = React.lazy(() => import('@/pages/hotel-rooms.tsx'));

export function HotelPage({ id, justCreated, search }: { id: number; justCreated: boolean; search: string }) {
  const hotel = useAsync(() => api.getHotel(id), [id]);
  return (
    <div className="grid gap-4">
      <Link href={hrefs.search()} className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
        <ArrowLeft className="size-4" aria-hidden="true" />
        Back to search
      </Link>
      {hotel.status === 'loading' && (
        <div className="grid gap-3 rounded-lg border p-6" role="status" aria-label="Loading hotel">
          <Skeleton className="h-7 w-1/2" />
          <Skeleton className="h-4 w-1/4" />
          <Skeleton className="h-16 w-full" />
        </div>
      )}
      {hotel.status === 'error' && <ErrorPanel title={`Hotel ${id} could not be loaded`} message={hotel.error.message} onRetry={hotel.reload} />}
      {hotel.status === 'done' && (
        <>
          {justCreated && <SearchableStatus hotel={hotel.data} />}
          <HotelDetails hotel={hotel.data} />
          <React.Suspense fallback={<Skeleton className="h-24 w-full" />}>
            <HotelRoomsSection hotel={hotel.data} search={search} />
          </React.Suspense>
        </>
      )}
    </div>
  );
}

function HotelDetails({ hotel }: { hotel: Hotel }) {
  return (
    <Card>
      <HotelHeading hotel={hotel} title={<span className="text-2xl">{hotel.name}</span>} />
      <CardContent className="grid gap-4">
        <p>{hotel.description ?? <span className="text-muted-foreground">No description.</span>}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-muted-foreground">
          <dt>Id</dt>
          <dd>{hotel.id}</dd>
          {hotel.updated_at && (
            <>
              <dt>Updated</dt>
              <dd>{new Date(hotel.updated_at).toLocaleString()}</dd>
            </>
          )}
        </dl>
      </CardContent>
      <CardFooter className="flex flex-wrap gap-2">
        <Button asChild>
          <Link href={hrefs.edit(hotel.id)}>
            <Pencil aria-hidden="true" />
            Edit
          </Link>
        </Button>
        <DeleteHotel hotel={hotel} />
      </CardFooter>
    </Card>
  );
}

function DeleteHotel({ hotel }: { hotel: Hotel }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button variant="destructive">
          <Trash2 aria-hidden="true" />
          Delete
        </Button>
      }
      title={`Delete ${hotel.name}?`}
      description="The hotel is removed from the catalog and from search. This cannot be undone."
      confirmLabel="Delete hotel"
      busyLabel="Deleting…"
      keepLabel="Cancel"
      action={async () => {
        await api.deleteHotel(hotel.id);
        toast({ title: 'Hotel deleted', description: `${hotel.name} is gone; search drops it within a second.` });
        navigate(hrefs.search(), { replace: true, state: deletedHotelState(hotel) });
      }}
    />
  );
}
