import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { AdminOnly } from '@/components/deploy/admin-only';
import { useMe } from '@/lib/me';
import DeployProjectsPage from './projects';

const DeployProjectPage = lazy(() => import('./project'));

/** /deploy and /deploy/:projectId, admins only; mounted at `deploy/*` in app.tsx. */
export default function DeployPage() {
  const me = useMe();
  return (
    <AdminOnly memberRole={me.data?.role ?? (me.isError ? 'unknown' : undefined)}>
      <Routes>
        <Route index element={<DeployProjectsPage />} />
        <Route path=":projectId" element={<DeployProjectPage />} />
      </Routes>
    </AdminOnly>
  );
}
