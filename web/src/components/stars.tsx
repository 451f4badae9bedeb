import { Star } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';

/** "★ 4" on screen, "4 stars" to a screen reader (text, not aria-label: a plain span may not carry one). */
export function Stars({ count }: { count: number }) {
  return (
    <Badge variant="secondary">
      <Star className="size-3 fill-current" aria-hidden="true" />
      {count}
      <span className="sr-only">{count === 1 ? ' star' : ' stars'}</span>
    </Badge>
  );
}
