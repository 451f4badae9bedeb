/** One panel: a card with a title, and either its content or what it cannot reach. */
import * as React from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { cn } from '@/lib/utils.ts';

export function PanelCard({ id, title, description, unreachable, loading, actions, children, className }: {
  id: string;
  title: string;
  description?: React.ReactNode;
  /** What the panel cannot reach, and why: shown instead of (or above) the data. */
  unreachable?: string | undefined;
  loading?: boolean;
  actions?: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
}) {
  return (
    <Card data-testid={`panel-${id}`} className={cn('min-w-0', className)} aria-labelledby={`${id}-title`}>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2 space-y-0 p-4">
        <div className="grid gap-1">
          <CardTitle id={`${id}-title`} className="text-base">{title}</CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
        </div>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </CardHeader>
      <CardContent className="grid gap-3 p-4 pt-0 text-sm">
        {unreachable && (
          <p role="alert" data-testid={`unreachable-${id}`} className="rounded-md border border-destructive/50 bg-destructive/5 p-2 text-destructive">
            cannot reach {unreachable}
          </p>
        )}
        {loading ? <Skeleton className="h-24 w-full" /> : children}
      </CardContent>
    </Card>
  );
}

const GOOD = new Set(['RUNNING', 'UP', 'ready', 'healthy', 'Stable', 'completed']);
const BAD = new Set(['FAILED', 'DOWN', 'failed', 'unhealthy', 'Dead', 'Empty', 'missing']);

/** A state as a coloured badge: green when it is what a working stack shows, red when broken. */
export function StateBadge({ state, tone, testId }: { state: string; tone?: 'good' | 'bad' | 'neutral'; testId?: string }) {
  const judged = tone ?? (GOOD.has(state) ? 'good' : BAD.has(state) || state.startsWith('exited') ? 'bad' : 'neutral');
  return (
    <Badge data-testid={testId} variant={judged === 'good' ? 'success' : judged === 'bad' ? 'destructive' : 'secondary'}>
      {state}
    </Badge>
  );
}

/** A panel's filter: a labelled text field in its header ("any" when empty). */
export function FilterField({ id, label, value, onChange, testId, className }: { id: string; label: string; value: string; onChange: (value: string) => void; testId: string; className?: string }) {
  return (
    <div className="flex items-center gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} className={cn('h-9', className)} inputMode="numeric" placeholder="any" />
    </div>
  );
}

export function Table({ head, rows, testId }: { head: string[]; rows: React.ReactNode[][]; testId?: string }) {
  return (
    <div className="overflow-x-auto">
      <table data-testid={testId} className="w-full border-collapse text-left text-xs">
        <thead>
          <tr className="border-b text-muted-foreground">
            {head.map((h) => (
              <th key={h} scope="col" className="px-2 py-1 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="border-b last:border-0 align-top">
              {row.map((cell, j) => (
                <td key={j} className="px-2 py-1">{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}
