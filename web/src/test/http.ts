import { vi } from 'vitest';

export interface RecordedCall {
  url: URL;
  method: string;
  headers: Headers;
  body: string | null;
}

/**
 * Stubs global fetch at the HTTP boundary: every request is recorded and answered by `respond` with a real Response,
 * so the app's own client code (tRPC links, JSON parsing, headers) runs for real.
 */
export function stubFetch(respond: (call: RecordedCall) => Response | Promise<Response>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const call: RecordedCall = {
      url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
    };
    calls.push(call);
    return respond(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The procedure names of a batched tRPC request (`/trpc/a.b,c.d?batch=1`). */
export function trpcPaths(url: URL): string[] {
  return decodeURIComponent(url.pathname.replace(/^.*\/trpc\//, '')).split(',');
}

/** The per-procedure inputs of a batched tRPC GET request. */
export function trpcInputs(url: URL): unknown[] {
  const raw = url.searchParams.get('input');
  const parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  return trpcPaths(url).map((_, i) => parsed[String(i)]);
}
