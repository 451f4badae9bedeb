import { ArrowLeft, Pencil, Trash2 } from 'lucide-react';
import * as React from 'react';
import { ErrorPanel } from '@/components/error-panel.tsx';
import { SearchableStatus } from '@/components/searchable-status.tsx';
import { HotelHeading } from '@/components/hotel-heading.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardFooter } from '@/components/ui/card.tsx';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { toast } from '@/components/ui/toast.tsx';
import { api } from '@/lib/api.ts';
import { deletedHotelState } from '@/lib/deleted-hotel.ts';
import type { Hotel } from '@/lib/hotel.ts';
import { Link, navigate } from '@/lib/navigation.tsx';
import { hrefs } from '@/lib/routes.ts';
import { useAsync } from '@/lib/use-async.ts';

export function HotelPage({ id, justCreated }: { id: number; justCreated: boolean }) {
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
  const [open, setOpen] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.deleteHotel(hotel.id);
      setOpen(false);
      toast({ title: 'Hotel deleted', description: `${hotel.name} is gone; search drops it within a second.` });
      navigate(hrefs.search(), { replace: true, state: deletedHotelState(hotel) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="destructive">
          <Trash2 aria-hidden="true" />
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete {hotel.name}?</DialogTitle>
          <DialogDescription>The hotel is removed from the catalog and from search. This cannot be undone.</DialogDescription>
        </DialogHeader>
        {error && (
          <p role="alert" className="text-sm font-medium text-destructive">
            {error}
          </p>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" onClick={confirm} disabled={busy}>
            {busy ? 'Deleting…' : 'Delete hotel'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
