import { type ComponentType, createContext, useContext } from 'react';

/**
 * Header controls supplied by the active auth mode. Clerk mode (a lazy chunk) provides its organization switcher and
 * user menu here, so the shell never imports the Clerk SDK; local mode provides nothing and the shell shows its own.
 */
export interface AuthUi {
  OrgControl: ComponentType;
  AccountControl: ComponentType;
  /** The organization's members and roles, as the identity provider knows them (Clerk mode). */
  Members?: ComponentType;
}

export const AuthUiContext = createContext<AuthUi | null>(null);

export function useAuthUi(): AuthUi | null {
  return useContext(AuthUiContext);
}
