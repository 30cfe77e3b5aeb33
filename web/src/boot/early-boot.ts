/**
 * Runs inline in index.html's <head>, before the app's bundle has even started to download (the build inlines this
 * file, compiled, with its config; see vite/first-route-boot.ts). For a stored local session it asks for the first
 * route's data and preloads the route's code chunk at once, so neither waits for the bundle to load and evaluate;
 * the app's API client then takes the response in flight (lib/early-response.ts). Self-contained: no imports.
 */

export interface EarlyBootConfig {
  /** Route path → the batch URL of its first data (already for this build's API). */
  requests: Record<string, string>;
  /** Route path → its code chunks (the route's own and what it imports beyond the entry), e.g. `/assets/x.js`. */
  chunks: Record<string, string[]>;
}

export interface EarlyRequest {
  url: string;
  authorization: string;
  response: Promise<Response>;
}

declare global {
  interface Window {
    /** The first route's data request, started by this script; taken (once) by the app's API client. */
    __mosEarly?: EarlyRequest | undefined;
  }
}

export function earlyBoot(config: EarlyBootConfig, win: Window = window): void {
  let token: unknown;
  try {
    token = (JSON.parse(win.localStorage.getItem('mos.session') ?? 'null') as { token?: unknown } | null)
      ?.token;
  } catch {
    return;
  }
  // Signed out: the app shows sign-in, which needs neither.
  if (typeof token !== 'string' || !token) return;
  const path = win.location.pathname.replace(/\/+$/, '') || '/';
  const route = path === '/' ? '/inbox' : path;
  for (const href of config.chunks[route] ?? []) {
    const link = win.document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    win.document.head.appendChild(link);
  }
  const url = config.requests[route];
  if (!url) return;
  const authorization = `Bearer ${token}`;
  const response = win.fetch(url, { headers: { authorization } });
  // Taken by the app, which handles failures like any request's; unhandled-rejection noise otherwise.
  response.catch(() => undefined);
  win.__mosEarly = { url, authorization, response };
}
