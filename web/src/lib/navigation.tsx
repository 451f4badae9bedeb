/** History-API navigation for the tiny router in routes.ts: a hook for the current location, and a link. */
import * as React from 'react';

const listeners = new Set<() => void>();

/** `state` travels with the history entry (what the next page must know, not what the address shows). */
export function navigate(href: string, options: { replace?: boolean; state?: unknown } = {}): void {
  const state = options.state ?? null;
  if (options.replace) history.replaceState(state, '', href);
  else history.pushState(state, '', href);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

/** The current entry's state, once its page has used it (the back button must not replay it). */
export function clearNavigationState(): void {
  history.replaceState(null, '', location.href);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => `${location.pathname}${location.search}`;

export function useLocation(): { pathname: string; search: string } {
  const href = React.useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, 'http://page.invalid');
  return { pathname: url.pathname, search: url.search };
}

/** An ordinary <a> (middle-click, copy link work) that navigates in place on a plain click. */
export const Link = React.forwardRef<HTMLAnchorElement, React.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }>(({ href, onClick, ...props }, ref) => (
  <a
    ref={ref}
    href={href}
    onClick={(event) => {
      onClick?.(event);
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    }}
    {...props}
  />
));
Link.displayName = 'Link';
