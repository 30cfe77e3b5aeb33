import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AppShell, PageFallback } from '@/components/layout/app-shell';
import { Toaster } from '@/components/ui/sonner';
import { createQueryClient } from '@/lib/query-client';
import { useSession } from '@/lib/session';

// One chunk per route: the first paint loads only the shell and the page it lands on.
const SignInPage = lazy(() => import('@/routes/sign-in'));
const InboxPage = lazy(() => import('@/routes/inbox'));
const ClientsPage = lazy(() => import('@/routes/clients/index'));
const CampaignsPage = lazy(() => import('@/routes/campaigns'));
const RunsPage = lazy(() => import('@/routes/runs'));
const LibraryPage = lazy(() => import('@/routes/library'));
const PlaybookPage = lazy(() => import('@/routes/playbook'));
const SettingsPage = lazy(() => import('@/routes/settings'));
const NotFoundPage = lazy(() => import('@/routes/not-found'));

function FullPageFallback() {
  return (
    <div className="p-8">
      <PageFallback />
    </div>
  );
}

export function AppRoutes() {
  const session = useSession();
  if (!session) {
    // Signed-out users see only sign-in, whatever URL they opened.
    return (
      <Suspense fallback={<FullPageFallback />}>
        <SignInPage />
      </Suspense>
    );
  }
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/inbox" replace />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="clients" element={<ClientsPage />} />
        <Route path="campaigns" element={<CampaignsPage />} />
        <Route path="runs" element={<RunsPage />} />
        <Route path="library" element={<LibraryPage />} />
        <Route path="playbook" element={<PlaybookPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
