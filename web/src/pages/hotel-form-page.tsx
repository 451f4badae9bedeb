import { ArrowLeft } from 'lucide-react';
import * as React from 'react';
import { ErrorPanel } from '@/components/error-panel.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { Input, Textarea } from '@/components/ui/input.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { toast } from '@/components/ui/toast.tsx';
import { api } from '@/lib/api.ts';
import { savedInSentence } from '@/lib/database-engine.ts';
import { FORM_FIELDS, formErrorsOf, noFormErrors, type FormErrors } from '@/lib/form-errors.ts';
import type { Hotel, HotelDraft } from '@/lib/hotel.ts';
import { Link, navigate } from '@/lib/navigation.tsx';
import { createdHref, hrefs } from '@/lib/routes.ts';
import { useAsync } from '@/lib/use-async.ts';
import { useDatabaseEngine } from '@/lib/use-database-engine.ts';

const blank: HotelDraft = { name: '', city: '', stars: '', description: '' };

export function NewHotelPage() {
  const engine = useDatabaseEngine();
  return <HotelForm title="Add a hotel" description={savedInSentence(engine)} initial={blank} />;
}

export function EditHotelPage({ id }: { id: number }) {
  const hotel = useAsync(() => api.getHotel(id), [id]);
  if (hotel.status === 'loading') {
    return (
      <div className="grid gap-3 rounded-lg border p-6" role="status" aria-label="Loading hotel">
        <Skeleton className="h-7 w-1/2" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </div>
    );
  }
  if (hotel.status === 'error') return <ErrorPanel title={`Hotel ${id} could not be loaded`} message={hotel.error.message} onRetry={hotel.reload} />;
  return <HotelForm title={`Edit ${hotel.data.name}`} description="Changes reach search within a second." initial={draftOf(hotel.data)} id={id} />;
}

function draftOf(hotel: Hotel): HotelDraft {
  return { name: hotel.name, city: hotel.city, stars: String(hotel.stars), description: hotel.description ?? '' };
}

function HotelForm({ title, description, initial, id }: { title: string; description: string; initial: HotelDraft; id?: number }) {
  const [draft, setDraft] = React.useState(initial);
  const [errors, setErrors] = React.useState<FormErrors>(noFormErrors);
  const [busy, setBusy] = React.useState(false);
  const formRef = React.useRef<HTMLFormElement>(null);

  const set = (field: keyof HotelDraft) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft({ ...draft, [field]: event.target.value });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = id === undefined ? await api.createHotel(draft) : await api.updateHotel(id, draft);
      setErrors(noFormErrors);
      toast({ title: id === undefined ? 'Hotel created' : 'Hotel saved', description: saved.name });
      navigate(id === undefined ? createdHref(saved.id) : hrefs.hotel(saved.id));
    } catch (error) {
      const mapped = formErrorsOf(error);
      setErrors(mapped);
      // Keyboard and screen-reader users land on the first field the API refused.
      const first = FORM_FIELDS.find((field) => mapped.fields[field]);
      if (first) formRef.current?.querySelector<HTMLElement>(`#hotel-${first}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const back = id === undefined ? hrefs.search() : hrefs.hotel(id);
  return (
    <div className="grid gap-4">
      <Link href={back} className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
        <ArrowLeft className="size-4" aria-hidden="true" />
        Back
      </Link>
      <Card>
        <CardHeader>
          <CardTitle>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent>
          <form ref={formRef} noValidate onSubmit={submit} className="grid gap-4" aria-label={title}>
            {errors.form.length > 0 && (
              <div role="alert" className="rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm text-destructive">
                {errors.form.map((message) => (
                  <p key={message}>{message}</p>
                ))}
              </div>
            )}
            <FormField id="hotel-name" label="Name" error={errors.fields.name}>
              <Input value={draft.name} onChange={set('name')} autoComplete="off" />
            </FormField>
            <FormField id="hotel-city" label="City" error={errors.fields.city}>
              <Input value={draft.city} onChange={set('city')} autoComplete="off" />
            </FormField>
            <FormField id="hotel-stars" label="Stars" hint="A whole number from 1 to 5." error={errors.fields.stars}>
              <Input value={draft.stars} onChange={set('stars')} inputMode="numeric" className="w-32" />
            </FormField>
            <FormField id="hotel-description" label="Description (optional)" error={errors.fields.description}>
              <Textarea value={draft.description} onChange={set('description')} />
            </FormField>
            <div className="flex gap-2">
              <Button type="submit" disabled={busy}>
                {busy ? 'Saving…' : id === undefined ? 'Create hotel' : 'Save changes'}
              </Button>
              <Button variant="outline" asChild>
                <Link href={back}>Cancel</Link>
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
