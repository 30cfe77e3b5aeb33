import { getSession } from './session';

/**
 * Where API requests get their bearer token and what happens when the API rejects it. Local mode reads the stored
 * local session; Clerk mode (lib/clerk-auth.tsx, a lazy chunk) installs Clerk's `getToken`, asked on every request
 * so the token is always fresh and carries the active organization.
 */
export interface AuthBinding {
  getToken: () => Promise<string | null> | string | null;
  onUnauthorized?: () => void;
}

const localBinding: AuthBinding = { getToken: () => getSession()?.token ?? null };
let binding: AuthBinding = localBinding;

/** Installs a binding; returns a function that restores local mode. */
export function bindAuth(next: AuthBinding): () => void {
  binding = next;
  return () => {
    if (binding === next) binding = localBinding;
  };
}

export function getAuthToken(): Promise<string | null> | string | null {
  return binding.getToken();
}

export function notifyUnauthorized(): void {
  binding.onUnauthorized?.();
}
