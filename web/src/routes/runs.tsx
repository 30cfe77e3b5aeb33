import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageFallback } from '@/components/layout/app-shell';
import RunsListPage from './runs/list';

// The detail page (review panels, schema editor, artifact schemas) is its own chunk: the list stays light.
const RunDetailPage = lazy(() => import('./runs/detail'));

/** /runs and /runs/:runId (mounted at `runs/*`). */
export default function RunsPage() {
  return (
    <Routes>
      <Route index element={<RunsListPage />} />
      <Route
        path=":runId"
        element={
          <Suspense fallback={<PageFallback />}>
            <RunDetailPage />
          </Suspense>
        }
      />
    </Routes>
  );
}
