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
const firstRoute = startFirstRoute(queryClient, client);

function render() {
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <StrictMode>
        <App queryClient={queryClient} client={client} />
      </StrictMode>,
    );
}

// The first render waits (briefly) for the page's own chunk: rendered before it, the page would suspend, show a
// placeholder and then be held back by React's reveal throttle; its data is already on the way meanwhile.
if (firstRoute)
  void Promise.race([firstRoute, new Promise((done) => setTimeout(done, 1_500))]).finally(render);
else render();
