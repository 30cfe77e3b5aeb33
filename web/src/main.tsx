import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startFirstRoute } from './app';
import { createQueryClient } from './lib/query-client';
import { createApiClient } from './lib/trpc';
import './index.css';

// The app's one query cache and API client, made here so the first route's code and data can be asked for
// before React renders anything.
const queryClient = createQueryClient();
const client = createApiClient();
startFirstRoute(queryClient, client);

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} client={client} />
    </StrictMode>,
  );
