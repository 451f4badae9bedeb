/**
 * shadcn/ui's calendar on react-day-picker v9, written in the repo's style (no registry
 * here): the library's own keyboard model (arrows, Page Up/Down, Home/End) and labels (each
 * day button is named by its full date, "selected" and "Today" included), dressed with the
 * theme's utilities. Loaded on demand (stay-picker.tsx): it is not in the first page's bundle.
 *
 * A day button's name starts with the number it shows ("29 December 2026, Tuesday"): the
 * library's default ("Tuesday, December 29th, 2026") does not contain the visible "29" as a
 * word, so speech-input users cannot say what they see (WCAG 2.5.3; axe-core's
 * label-content-name-mismatch, serious, found it on the open calendar).
 */
import { ChevronLeft, ChevronRight } from 'lucide-react';
import * as React from 'react';
import { DayPicker } from 'react-day-picker';
import { buttonVariants } from '@/components/ui/button.tsx';
import { dayButtonLabel } from '@/lib/day-label.ts';
import { cn } from '@/lib/utils.ts';

export type CalendarProps = React.ComponentProps<typeof DayPicker>;

export function Calendar({ className, classNames, labels, showOutsideDays = true, ...props }: CalendarProps) {
  return (
    <DayPicker
      showOutsideDays={showOutsideDays}
      className={cn('p-1', className)}
      classNames={{
        months: 'relative flex flex-col gap-4 sm:flex-row',
        month: 'grid gap-3',
        month_caption: 'flex h-9 items-center justify-center',
        caption_label: 'text-sm font-medium',
        nav: 'absolute inset-x-0 top-0 flex items-center justify-between',
        button_previous: cn(buttonVariants({ variant: 'outline', size: 'icon' }), 'size-9 p-0'),
        button_next: cn(buttonVariants({ variant: 'outline', size: 'icon' }), 'size-9 p-0'),
        month_grid: 'w-full border-collapse',
        weekdays: 'flex',
        weekday: 'w-9 text-[0.8rem] font-normal text-muted-foreground',
        week: 'mt-1 flex w-full',
        day: 'relative size-9 p-0 text-center text-sm',
        day_button: cn(
          buttonVariants({ variant: 'ghost' }),
          'size-9 p-0 font-normal aria-selected:opacity-100 focus-visible:ring-2 focus-visible:ring-ring',
        ),
        range_start: 'rounded-l-md bg-primary [&>button]:bg-primary [&>button]:text-primary-foreground',
        range_end: 'rounded-r-md bg-primary [&>button]:bg-primary [&>button]:text-primary-foreground',
        range_middle: 'bg-accent [&>button]:bg-accent [&>button]:text-accent-foreground',
        selected: 'font-semibold',
        today: 'underline underline-offset-4',
        outside: 'text-muted-foreground',
        disabled: 'text-muted-foreground opacity-50',
        hidden: 'invisible',
        ...classNames,
      }}
      labels={{ labelDayButton: dayButtonLabel, ...labels }}
      components={{
        Chevron: ({ orientation }) => (orientation === 'left' ? <ChevronLeft className="size-4" aria-hidden="true" /> : <ChevronRight className="size-4" aria-hidden="true" />),
      }}
      {...props}
    />
  );
}
