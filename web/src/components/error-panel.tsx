import { AlertTriangle } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';

/** A failed load, readable: what happened and the fix (ApiError messages carry both), and a retry. */
export function ErrorPanel({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="flex flex-col gap-3 rounded-lg border border-destructive/50 bg-destructive/5 p-4 text-sm sm:flex-row sm:items-start">
      <AlertTriangle className="size-5 shrink-0 text-destructive" aria-hidden="true" />
      <div className="grid flex-1 gap-1">
        <p className="font-semibold text-destructive">{title}</p>
        <p>{message}</p>
      </div>
      {onRetry && (
        <Button variant="outline" size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
