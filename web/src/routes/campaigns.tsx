import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageFallback } from '@/components/layout/app-shell';
import CampaignListPage from './campaigns/list';

const CampaignDetailPage = lazy(() => import('./campaigns/detail'));

/** /campaigns and /campaigns/:id; mounted at `campaigns/*` in app.tsx. */
export default function CampaignsRoutes() {
  return (
    <Suspense fallback={<PageFallback />}>
      <Routes>
        <Route index element={<CampaignListPage />} />
        <Route path=":id" element={<CampaignDetailPage />} />
      </Routes>
    </Suspense>
  );
}
