import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import FunnelListPage from './list';

// The detail page loads only when a funnel is opened (the page editor is a route of its own, outside the shell).
const FunnelDetailPage = lazy(() => import('./detail/index'));

/** /funnels and /funnels/:funnelId; mounted at `funnels/*` in app.tsx. */
export default function FunnelsPage() {
  return (
    <Routes>
      <Route index element={<FunnelListPage />} />
      <Route path=":funnelId" element={<FunnelDetailPage />} />
    </Routes>
  );
}
