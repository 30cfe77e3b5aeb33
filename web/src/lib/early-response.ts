import type { EarlyRequest } from '@/boot/early-boot';

/**
 * The first route's data request that index.html's inline script started before the bundle loaded: handed to the
 * API client's fetch once, when it asks for exactly that URL with the same credentials; any other request (or a
 * second one) goes to the network.
 */
export function takeEarlyResponse(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  win: { __mosEarly?: EarlyRequest | undefined } = typeof window === 'undefined' ? {} : window,
): Promise<Response> | undefined {
  const early = win.__mosEarly;
  if (!early) return undefined;
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const method = (init?.method ?? 'GET').toUpperCase();
  if (url !== early.url || method !== 'GET') return undefined;
  if (new Headers(init?.headers).get('authorization') !== early.authorization) return undefined;
  win.__mosEarly = undefined;
  return early.response;
}
