/**
 * Check-in, check-out and guests: shadcn's date-range picker pattern (a button opening a
 * popover with the calendar) and a guests select. The calendar (react-day-picker) loads when
 * the popover first opens, so the first page's bundle does not carry it. The popover moves
 * focus into the calendar; Escape closes it and focus returns to the button.
 */
import { CalendarDays } from 'lucide-react';
import * as React from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { addDays, dateOfDay, dayOfDate, formatDatesShort, MAX_GUESTS, MAX_NIGHTS, pickDay, plural, type StayDraft } from '@/lib/stay.ts';
import { cn } from '@/lib/utils.ts';

const Calendar = React.lazy(() => import('@/components/ui/calendar.tsx').then((m) => ({ default: m.Calendar })));

export interface StayPickerProps {
  idPrefix: string;
  value: StayDraft;
  onChange: (value: StayDraft) => void;
  today: string;
  className?: string;
}

export function StayPicker({ idPrefix, value, onChange, today, className }: StayPickerProps) {
  const [open, setOpen] = React.useState(false);
  // Short enough for a phone. The button's name is "Dates: " and exactly this text: a name that
  // does not contain the visible words fails WCAG 2.5.3 (axe: label-content-name-mismatch).
  const summary = value.checkIn ? formatDatesShort(value.checkIn, value.checkOut, today) : 'Any dates';
  const choose = (date: Date) => {
    const next = pickDay(value, dayOfDate(date));
    onChange(next);
    if (next.checkOut) setOpen(false);
  };
  return (
    <div className={cn('grid gap-4 sm:grid-cols-[2fr_1fr]', className)}>
      <div className="grid gap-2">
        <Label htmlFor={`${idPrefix}-dates`}>Dates</Label>
        <Popover open={open} onOpenChange={setOpen}>
          <PopoverTrigger asChild>
            <Button
              id={`${idPrefix}-dates`}
              variant="outline"
              className="justify-start overflow-hidden font-normal"
              // The name carries the choice, so a screen reader hears "Dates: Sun 20 Dec → ..." on the button.
              aria-label={`Dates: ${summary}`}
              aria-describedby={`${idPrefix}-dates-hint`}
            >
              <CalendarDays aria-hidden="true" />
              <span className="truncate">{summary}</span>
            </Button>
          </PopoverTrigger>
          <PopoverContent aria-label="Choose check-in and check-out">
            <p id={`${idPrefix}-calendar-help`} className="mb-2 max-w-64 text-sm text-muted-foreground">
              {value.checkIn && !value.checkOut ? 'Now choose the check-out day.' : 'Choose the check-in day, then the check-out day.'} Arrow keys move between days.
            </p>
            <React.Suspense fallback={<p className="size-64 text-sm">Loading the calendar…</p>}>
              <Calendar
                mode="range"
                selected={{ from: value.checkIn ? dateOfDay(value.checkIn) : undefined, to: value.checkOut ? dateOfDay(value.checkOut) : undefined }}
                onDayClick={choose}
                defaultMonth={dateOfDay(value.checkIn ?? today)}
                startMonth={dateOfDay(today)}
                disabled={[{ before: dateOfDay(today) }, ...(value.checkIn && !value.checkOut ? [{ after: dateOfDay(addDays(value.checkIn, MAX_NIGHTS)) }] : [])]}
                weekStartsOn={1}
                autoFocus
              />
            </React.Suspense>
            {value.checkIn && (
              <Button variant="ghost" size="sm" className="mt-2" onClick={() => onChange({ guests: value.guests })}>
                Clear dates
              </Button>
            )}
          </PopoverContent>
        </Popover>
        <p id={`${idPrefix}-dates-hint`} className="sr-only">
          Opens a calendar. Stays are 1 to {MAX_NIGHTS} nights.
        </p>
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${idPrefix}-guests`}>Guests</Label>
        <Select value={String(value.guests)} onValueChange={(guests) => onChange({ ...value, guests: Number(guests) })}>
          <SelectTrigger id={`${idPrefix}-guests`}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {Array.from({ length: MAX_GUESTS }, (_, i) => i + 1).map((n) => (
              <SelectItem key={n} value={String(n)}>
                {plural(n, 'guest')}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
    </div>
  );
}
