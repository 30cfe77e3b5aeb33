import {
  ClerkProvider,
  OrganizationSwitcher,
  SignIn,
  UserButton,
  useAuth,
  useClerk,
  useOrganization,
} from '@clerk/react';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { bindAuth } from './auth-token';
import { type AuthUi, AuthUiContext } from './auth-ui';

// Everything that touches the Clerk SDK lives in this module, loaded lazily only when a publishable key is configured.

function Brand() {
  return (
    <div className="mb-8 flex items-center justify-center gap-2">
      <div className="flex size-9 items-center justify-center rounded-md bg-primary font-bold text-primary-foreground">
        M
      </div>
      <span className="text-xl font-semibold tracking-tight">MOS</span>
    </div>
  );
}

function Centered({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen items-center justify-center bg-background px-4 py-12">
      <div className="flex w-full max-w-md flex-col items-center">
        <Brand />
        {children}
      </div>
    </div>
  );
}

function Loading() {
  return (
    <div className="space-y-4 p-8" aria-busy="true">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-4 w-80" />
    </div>
  );
}

function OrgControl() {
  return <OrganizationSwitcher hidePersonal />;
}

function AccountControl() {
  return <UserButton />;
}

/** Members of the active organization with their Clerk roles (`org:admin` → Admin, …). */
function Members() {
  const { memberships } = useOrganization({ memberships: { pageSize: 50 } });
  if (!memberships || memberships.isLoading)
    return <p className="text-sm text-muted-foreground">Loading members…</p>;
  const rows = memberships.data ?? [];
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No members yet.</p>;
  return (
    <ul className="divide-y rounded-md border" aria-label="Members">
      {rows.map((m) => {
        const role = m.role.replace(/^org:/, '');
        return (
          <li key={m.id} className="flex items-center justify-between gap-3 p-3 text-sm">
            <span className="truncate">{m.publicUserData?.identifier ?? m.id}</span>
            <span className="rounded-md bg-secondary px-2 py-0.5 text-xs text-secondary-foreground">
              {role === 'admin' ? 'Admin' : role === 'operator' ? 'Operator' : 'Member'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

const CLERK_UI: AuthUi = { OrgControl, AccountControl, Members };

/** worker-api reads the organization from the session token, so nothing calls the API until one is active. */
function SelectOrganization() {
  return (
    <Centered>
      <Card className="w-full shadow-sm">
        <CardHeader>
          <CardTitle className="text-xl">Select or create an organization</CardTitle>
          <CardDescription>
            MOS works inside an organization: your agency's clients, campaigns and runs belong to it. Pick one
            you belong to, or create a new one.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex items-center justify-between gap-4">
          <OrganizationSwitcher hidePersonal />
          <UserButton />
        </CardContent>
      </Card>
    </Centered>
  );
}

/** Signed in with an active organization: route every API request through Clerk's fresh session token. */
function ClerkSession({ children }: { children: ReactNode }) {
  const { getToken, userId, orgId } = useAuth();
  const clerk = useClerk();
  const queryClient = useQueryClient();
  const latest = useRef({ getToken, clerk });
  latest.current = { getToken, clerk };
  const [bound, setBound] = useState(false);

  // Bound before the children render (they start queries while mounting), unbound when signed out.
  useLayoutEffect(() => {
    const unbind = bindAuth({
      getToken: () => latest.current.getToken(),
      onUnauthorized: () => void latest.current.clerk.signOut(),
    });
    setBound(true);
    return unbind;
  }, []);

  // Another user or organization must never see the previous one's cached data.
  const identity = `${userId}:${orgId}`;
  const previous = useRef(identity);
  useEffect(() => {
    if (previous.current !== identity) {
      previous.current = identity;
      queryClient.clear();
    }
  }, [identity, queryClient]);

  if (!bound) return <Loading />;
  return (
    <AuthUiContext.Provider value={CLERK_UI}>
      <Fragment key={identity}>{children}</Fragment>
    </AuthUiContext.Provider>
  );
}

function ClerkGate({ children }: { children: ReactNode }) {
  const { isLoaded, isSignedIn, orgId } = useAuth();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (isLoaded && !isSignedIn) queryClient.clear();
  }, [isLoaded, isSignedIn, queryClient]);

  if (!isLoaded) return <Loading />;
  if (!isSignedIn) {
    // Signed-out users see only sign-in, whatever URL they opened.
    return (
      <Centered>
        <SignIn routing="hash" />
      </Centered>
    );
  }
  if (!orgId) return <SelectOrganization />;
  return <ClerkSession>{children}</ClerkSession>;
}

/** Clerk mode: ClerkProvider wired to the app's router, and the sign-in / organization gate in front of `children`. */
export default function ClerkAuth({
  publishableKey,
  children,
}: {
  publishableKey: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <ClerkProvider
      publishableKey={publishableKey}
      routerPush={(to) => navigate(to)}
      routerReplace={(to) => navigate(to, { replace: true })}
      afterSignOutUrl="/"
    >
      <ClerkGate>{children}</ClerkGate>
    </ClerkProvider>
  );
}
