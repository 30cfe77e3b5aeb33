import { useSyncExternalStore } from 'react';

/** What the local sign-in asked for; the token is the only thing the API trusts. */
export interface Session {
  token: string;
  email: string;
  orgId: string;
}

const KEY = 'mos.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; value: Session | null } = { raw: null, value: null };

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Session>;
    return typeof v.token === 'string' && v.token
      ? { token: v.token, email: v.email ?? '', orgId: v.orgId ?? '' }
      : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  const raw = localStorage.getItem(KEY);
  // Same object while storage is unchanged, as useSyncExternalStore requires.
  if (raw !== cached.raw) cached = { raw, value: parse(raw) };
  return cached.value;
}

export function setSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  for (const l of listeners) l();
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Signing out in one tab signs out the others.
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null);
}
