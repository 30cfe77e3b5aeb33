import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import ClientsListPage from './list';

// The detail page (tabs, renderers, diff) loads only when a client is opened.
const ClientDetailPage = lazy(() => import('./detail/index'));

export default function ClientsPage() {
  return (
    <Routes>
      <Route index element={<ClientsListPage />} />
      <Route path=":clientId" element={<ClientDetailPage />} />
    </Routes>
  );
}
