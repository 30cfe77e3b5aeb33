import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PageFallback } from '@/components/layout/app-shell';

const ExperimentDetailPage = lazy(() => import('./detail'));

/** /experiments/:id (mounted at `experiments/*` in app.tsx); experiments are listed on their campaign's page. */
export default function ExperimentsRoutes() {
  return (
    <Suspense fallback={<PageFallback />}>
      <Routes>
        <Route index element={<Navigate to="/campaigns" replace />} />
        <Route path=":id" element={<ExperimentDetailPage />} />
      </Routes>
    </Suspense>
  );
}
