import { useEffect, useState } from 'preact/hooks';

/** Where the explorer is: the path's segments and the query parameters. Every view has a URL of its own. */
export interface Location {
  segments: string[];
  params: URLSearchParams;
}

const listeners = new Set<() => void>();

function readLocation(): Location {
  return {
    segments: location.pathname.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment)),
    params: new URLSearchParams(location.search),
  };
}

/** Goes to `url` (same origin) without reloading; `replace` keeps the history length (for filter changes). */
export function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((listener) => listener());
  if (!replace) window.scrollTo(0, 0);
}

addEventListener('popstate', () => listeners.forEach((listener) => listener()));

/** The current location; re-renders the caller when it changes. */
export function useLocation(): Location {
  const [current, setCurrent] = useState(readLocation);
  useEffect(() => {
    const listener = () => setCurrent(readLocation());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return current;
}

/** A path with query parameters, leaving out empty ones. */
export function href(path: string, params: Record<string, string | number | boolean | null | undefined | string[]> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) value.forEach((item) => search.append(name, item));
    else if (value !== null && value !== undefined && value !== '' && value !== false) search.set(name, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function entityHref(id: string): string {
  return `/entity/${encodeURIComponent(id)}`;
}

/** Follows an in-app link without a reload (plain left click only; modified clicks open tabs as usual). */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.currentTarget as HTMLAnchorElement | null) ?? null;
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (anchor.origin !== location.origin || anchor.target) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
