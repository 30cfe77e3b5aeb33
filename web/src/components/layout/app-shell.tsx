import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { useAuthUi } from '@/lib/auth-ui';
import { useMe } from '@/lib/me';
import { clearSession, useSession } from '@/lib/session';
import { cn } from '@/lib/utils';
import { ACCOUNT_TRIGGER_CLASS, AccountTriggerContent } from './account-trigger';
import { navItemsFor } from './nav';

const AccountMenu = lazy(() => import('./account-menu'));

function Logo() {
  return (
    <div className="flex items-center gap-2 px-2">
      <div className="flex size-8 items-center justify-center rounded-md bg-primary text-sm font-bold text-primary-foreground">
        M
      </div>
      <span className="text-base font-semibold tracking-tight">MOS</span>
    </div>
  );
}

function Sidebar() {
  const items = navItemsFor(useMe().data?.role);
  return (
    <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col border-r bg-sidebar px-3 py-4 md:flex">
      <Logo />
      <nav aria-label="Main" className="mt-8 flex flex-col gap-1">
        {items.map(({ to, label, icon: Icon }) => (
          <NavLink
            key={to}
            to={to}
            className={({ isActive }) =>
              cn(
                'flex h-9 items-center gap-3 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-foreground',
                isActive && 'bg-card text-foreground shadow-xs ring-1 ring-border',
              )
            }
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </NavLink>
        ))}
      </nav>
    </aside>
  );
}

function MobileNav() {
  const items = navItemsFor(useMe().data?.role);
  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto border-b bg-sidebar px-4 py-2 md:hidden">
      {items.map(({ to, label }) => (
        <NavLink
          key={to}
          to={to}
          className={({ isActive }) =>
            cn(
              'rounded-md px-3 py-1.5 text-sm whitespace-nowrap text-muted-foreground',
              isActive && 'bg-card text-foreground ring-1 ring-border',
            )
          }
        >
          {label}
        </NavLink>
      ))}
    </nav>
  );
}

const ROLE_LABEL: Record<string, string> = { admin: 'Admin', operator: 'Operator', member: 'Member' };

function ClerkHeader({ OrgControl, AccountControl }: NonNullable<ReturnType<typeof useAuthUi>>) {
  const me = useMe();
  return (
    <header className="sticky top-0 z-30 flex h-16 items-center justify-between gap-4 border-b bg-background/90 px-6 backdrop-blur">
      <div className="flex min-w-0 items-center gap-3">
        <OrgControl />
        {me.data ? (
          <Badge variant="secondary">{ROLE_LABEL[me.data.role] ?? me.data.role}</Badge>
        ) : (
          <Skeleton className="h-5 w-16" />
        )}
      </div>
      <AccountControl />
    </header>
  );
}

function Header() {
  const authUi = useAuthUi();
  return authUi ? <ClerkHeader {...authUi} /> : <LocalHeader />;
}

/**
 * The account menu's code (a radix dropdown) loads when the pointer or focus reaches its trigger, not with the page:
 * the first paint shows only the trigger. A click before the code is in opens the menu once it is.
 */
function LocalAccountMenu(props: { email: string; detail: string | undefined; signOut: () => void }) {
  // What brought the menu's code in: a focused placeholder hands focus to the real trigger, a click opens the menu.
  const [wanted, setWanted] = useState<'hover' | 'focus' | 'open' | null>(null);
  const placeholder = (
    <button
      type="button"
      className={ACCOUNT_TRIGGER_CLASS}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={() => setWanted((w) => w ?? 'hover')}
      onFocus={() => setWanted((w) => (w === 'open' ? w : 'focus'))}
      onClick={() => setWanted('open')}
    >
      <AccountTriggerContent email={props.email} />
    </button>
  );
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <AccountMenu {...props} defaultOpen={wanted === 'open'} autoFocus={wanted === 'focus'} />
    </Suspense>
  );
}

function LocalHeader() {
  const session = useSession();
  const me = useMe();
  const queryClient = useQueryClient();
  const signOut = () => {
    clearSession();
    queryClient.clear();
  };
  const email = me.data?.email ?? session?.email ?? '';
  return (
    <header className="sticky top-0 z-30 flex h-16 items-center justify-between gap-4 border-b bg-background/90 px-6 backdrop-blur">
      <div className="flex min-w-0 items-center gap-3">
        {me.data ? (
          <>
            <span className="truncate text-sm font-semibold" data-testid="org-name">
              {me.data.org.name}
            </span>
            <Badge variant="secondary">{ROLE_LABEL[me.data.role] ?? me.data.role}</Badge>
          </>
        ) : (
          <Skeleton className="h-5 w-40" />
        )}
      </div>
      <LocalAccountMenu
        email={email}
        detail={
          me.data ? `${me.data.org.name} · ${ROLE_LABEL[me.data.role] ?? me.data.role}` : session?.orgId
        }
        signOut={signOut}
      />
    </header>
  );
}

export function PageFallback() {
  return (
    <div className="space-y-4" aria-busy="true">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-4 w-80" />
      <Skeleton className="mt-8 h-64 w-full" />
    </div>
  );
}

export function AppShell() {
  return (
    <div className="flex min-h-screen">
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <Header />
        <MobileNav />
        <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
          <Suspense fallback={<PageFallback />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
