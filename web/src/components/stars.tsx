import { Star } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';

export function Stars({ count }: { count: number }) {
  return (
    <Badge variant="secondary" aria-label={`${count} star${count === 1 ? '' : 's'}`}>
      <Star className="size-3 fill-current" aria-hidden="true" />
      <span aria-hidden="true">{count}</span>
    </Badge>
  );
}
