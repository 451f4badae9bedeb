/**
 * Toasts on Radix Toast, with a small store so any page can say `toast({...})`.
 * Radix renders them in a labelled live region (F8 focuses it), so a screen reader
 * announces "Hotel created" without moving focus.
 */
import * as ToastPrimitive from '@radix-ui/react-toast';
import { cva, type VariantProps } from 'class-variance-authority';
import { X } from 'lucide-react';
import * as React from 'react';
import { cn } from '@/lib/utils.ts';

const toastVariants = cva(
  'group pointer-events-auto relative flex w-full items-center justify-between gap-4 overflow-hidden rounded-md border p-4 pr-8 shadow-lg',
  {
    variants: {
      variant: {
        default: 'border bg-background text-foreground',
        destructive: 'border-destructive bg-destructive text-destructive-foreground',
      },
    },
    defaultVariants: { variant: 'default' },
  },
);

export interface ToastMessage extends VariantProps<typeof toastVariants> {
  id: number;
  title: string;
  description?: string;
}

type Listener = (toasts: ToastMessage[]) => void;
let toasts: ToastMessage[] = [];
let nextId = 1;
const listeners = new Set<Listener>();

function publish(next: ToastMessage[]) {
  toasts = next;
  for (const listener of listeners) listener(toasts);
}

export function toast(message: Omit<ToastMessage, 'id'>): void {
  publish([...toasts, { ...message, id: nextId++ }].slice(-3));
}

function dismiss(id: number) {
  publish(toasts.filter((t) => t.id !== id));
}

export function Toaster() {
  const [current, setCurrent] = React.useState(toasts);
  React.useEffect(() => {
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  return (
    <ToastPrimitive.Provider swipeDirection="right" duration={5000}>
      {current.map(({ id, title, description, variant }) => (
        <ToastPrimitive.Root key={id} className={cn(toastVariants({ variant }))} onOpenChange={(open) => !open && dismiss(id)}>
          <div className="grid gap-1">
            <ToastPrimitive.Title className="text-sm font-semibold">{title}</ToastPrimitive.Title>
            {description && <ToastPrimitive.Description className="text-sm opacity-90">{description}</ToastPrimitive.Description>}
          </div>
          <ToastPrimitive.Close className="absolute right-2 top-2 rounded-md p-1 opacity-70 hover:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
            <X className="size-4" aria-hidden="true" />
            <span className="sr-only">Dismiss</span>
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport className="fixed bottom-0 right-0 z-[100] flex max-h-screen w-full flex-col gap-2 p-4 sm:max-w-sm" />
    </ToastPrimitive.Provider>
  );
}
