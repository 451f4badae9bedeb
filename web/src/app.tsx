import { Hotel, Plus, Ticket } from 'lucide-react';
import * as React from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Toaster } from '@/components/ui/toast.tsx';
import { Link, useLocation } from '@/lib/navigation.tsx';
import { hrefs, isJustCreated, routeOf } from '@/lib/routes.ts';
import { HotelPage } from '@/pages/hotel-page.tsx';
import { EditHotelPage, NewHotelPage } from '@/pages/hotel-form-page.tsx';
import { SearchPage } from '@/pages/search-page.tsx';

// The booking pages are chunks of their own, loaded on first visit (initial JS ≤ 150 kB gzip).
const ManageBookingsPage = React.lazy(() => import('@/pages/manage-bookings-page.tsx'));
const BookingPage = React.lazy(() => import('@/pages/booking-page.tsx'));

export function App() {
  const { pathname, search } = useLocation();
  const route = routeOf(pathname);
  return (
    <div className="min-h-screen bg-background text-foreground">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-background focus:p-2 focus:ring-2 focus:ring-ring">
        Skip to content
      </a>
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
          <Link href={hrefs.search()} className="flex items-center gap-2 rounded-sm text-lg font-semibold focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
            <Hotel className="size-5 text-primary" aria-hidden="true" />
            Booking
          </Link>
          <nav aria-label="Main" className="flex items-center gap-2">
            <Button asChild size="sm" variant="outline">
              <Link href={hrefs.bookings()}>
                <Ticket aria-hidden="true" />
                Manage booking
              </Link>
            </Button>
            <Button asChild size="sm">
              <Link href={hrefs.newHotel()}>
                <Plus aria-hidden="true" />
                {/* On a phone the icon alone, still named for a screen reader: the header fits 390 px. */}
                <span className="sr-only sm:not-sr-only">Add hotel</span>
              </Link>
            </Button>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        <h1 className="sr-only">{titleOf(route.page)}</h1>
        {route.page === 'search' && <SearchPage search={search} />}
        {route.page === 'new' && <NewHotelPage />}
        {route.page === 'hotel' && <HotelPage key={route.id} id={route.id} justCreated={isJustCreated(search)} search={search} />}
        {route.page === 'edit' && <EditHotelPage key={route.id} id={route.id} />}
        <React.Suspense fallback={<Skeleton className="h-40 w-full" />}>
          {route.page === 'bookings' && <ManageBookingsPage />}
          {route.page === 'booking' && <BookingPage key={route.number} number={route.number} />}
        </React.Suspense>
        {route.page === 'not-found' && (
          <div className="grid gap-2">
            <p className="font-medium">No page at {route.path}.</p>
            <Link href={hrefs.search()} className="text-primary underline">
              Search hotels
            </Link>
          </div>
        )}
      </main>
      <Toaster />
    </div>
  );
}

function titleOf(page: ReturnType<typeof routeOf>['page']): string {
  switch (page) {
    case 'search':
      return 'Search hotels';
    case 'new':
      return 'Add a hotel';
    case 'hotel':
      return 'Hotel';
    case 'edit':
      return 'Edit hotel';
    case 'bookings':
      return 'Manage booking';
    case 'booking':
      return 'Your booking';
    default:
      return 'Page not found';
  }
}
