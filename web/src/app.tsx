import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCQueryUtils } from '@trpc/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { firstRoutePath } from '@/boot/first-route';
import { AppShell, PageFallback } from '@/components/layout/app-shell';
import { clerkPublishableKey } from '@/lib/config';
import { lazyRoute } from '@/lib/lazy-route';
import { createQueryClient } from '@/lib/query-client';
import { getSession, useSession } from '@/lib/session';
import { type ApiClient, createApiClient, trpc } from '@/lib/trpc';
import { prefetchRouteData } from '@/routes/route-data';

// One chunk per route: the first paint loads only the shell and the page it lands on.
const SignInPage = lazy(() => import('@/routes/sign-in'));
// Clerk mode only: the SDK stays out of the first-route bundle and out of local mode entirely.
const ClerkAuth = lazy(() => import('@/lib/clerk-auth'));
const inboxRoute = lazyRoute(() => import('@/routes/inbox'));
const clientsRoute = lazyRoute(() => import('@/routes/clients/index'));
const InboxPage = inboxRoute.Component;
const ClientsPage = clientsRoute.Component;
const CampaignsPage = lazy(() => import('@/routes/campaigns'));
const RunsPage = lazy(() => import('@/routes/runs'));
const LibraryPage = lazy(() => import('@/routes/library'));
const PlaybookPage = lazy(() => import('@/routes/playbook'));
const FunnelsPage = lazy(() => import('@/routes/funnels/index'));
// An experiment's page (plan, results chart, decisions, CSV upload with papaparse) is its own chunk.
const ExperimentsPage = lazy(() => import('@/routes/experiments/index'));
// The page editor (Puck and its CSS) is its own chunk, full screen outside the shell.
const FunnelPageEditor = lazy(() => import('@/routes/funnels/editor'));
const SettingsPage = lazy(() => import('@/routes/settings'));
// Admins only, and rarely opened: the deploy screens (plan editor, runs, the plan model's zod schema) are their own chunk.
const DeployPage = lazy(() => import('@/routes/deploy/index'));
const NotFoundPage = lazy(() => import('@/routes/not-found'));
// Toasts only appear after something happened: the toaster's code loads after the first render.
const Toaster = lazy(() => import('@/components/ui/sonner').then((m) => ({ default: m.Toaster })));

function FullPageFallback() {
  return (
    <div className="p-8">
      <PageFallback />
    </div>
  );
}

/** Asks for the route's first data as soon as the URL is known, in parallel with loading the route's code. */
function RouteDataPrefetch() {
  const { pathname } = useLocation();
  const utils = trpc.useUtils();
  useEffect(() => {
    void prefetchRouteData(pathname, utils);
  }, [pathname, utils]);
  return null;
}

function SignedInRoutes() {
  return (
    <>
      <RouteDataPrefetch />
      <Routes>
        <Route
          path="funnels/:funnelId/pages/:pageId/edit"
          element={
            <Suspense fallback={<FullPageFallback />}>
              <FunnelPageEditor />
            </Suspense>
          }
        />
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/inbox" replace />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="clients/*" element={<ClientsPage />} />
          <Route path="campaigns/*" element={<CampaignsPage />} />
          <Route path="runs/*" element={<RunsPage />} />
          <Route path="experiments/*" element={<ExperimentsPage />} />
          <Route path="funnels/*" element={<FunnelsPage />} />
          <Route path="library" element={<LibraryPage />} />
          <Route path="playbook" element={<PlaybookPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="deploy/*" element={<DeployPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}

function LocalAuthRoutes() {
  const session = useSession();
  if (!session) {
    // Signed-out users see only sign-in, whatever URL they opened.
    return (
      <Suspense fallback={<FullPageFallback />}>
        <SignInPage />
      </Suspense>
    );
  }
  return <SignedInRoutes />;
}

/**
 * Clerk when VITE_CLERK_PUBLISHABLE_KEY is set (sign-in, organization switcher, session tokens), otherwise the local
 * sign-in of worker-api's local auth mode. Either way signed-out users see only sign-in.
 */
export function AppRoutes({
  publishableKey = clerkPublishableKey(),
}: {
  publishableKey?: string | undefined;
}) {
  if (publishableKey) {
    return (
      <Suspense fallback={<FullPageFallback />}>
        <ClerkAuth publishableKey={publishableKey}>
          <SignedInRoutes />
        </ClerkAuth>
      </Suspense>
    );
  }
  return <LocalAuthRoutes />;
}

export function Providers({
  children,
  client,
  queryClient: givenQueryClient,
}: {
  children: ReactNode;
  client?: ApiClient;
  queryClient?: QueryClient;
}) {
  const [queryClient] = useState(() => givenQueryClient ?? createQueryClient());
  const [apiClient] = useState(() => client ?? createApiClient());
  return (
    <trpc.Provider client={apiClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        {children}
        <Suspense fallback={null}>
          <Toaster />
        </Suspense>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

/**
 * Opening a page with a stored local session: the page's code chunk and its first data are both asked for right
 * here, before React's first render, so they load side by side (index.html's inline script may have started both
 * already; Clerk mode waits for Clerk's token and prefetches from the router instead).
 */
export function startFirstRoute(
  queryClient: QueryClient,
  client: ApiClient,
): { code: Promise<unknown>; data: Promise<unknown> } | undefined {
  if (typeof window === 'undefined' || clerkPublishableKey() || !getSession()) return undefined;
  const path = firstRoutePath(window.location.pathname);
  const data = prefetchRouteData(path, createTRPCQueryUtils({ queryClient, client }));
  if (path === '/clients') return { code: clientsRoute.preload(), data };
  if (path === '/inbox') return { code: inboxRoute.preload(), data };
  return undefined;
}

export function App({ queryClient, client }: { queryClient?: QueryClient; client?: ApiClient }) {
  return (
    <Providers queryClient={queryClient} client={client}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
