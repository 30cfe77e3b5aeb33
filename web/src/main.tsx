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

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

// The first render waits (briefly) for the page's own chunk: rendered before it, the page would suspend, show a
// placeholder and then be held back by React's reveal throttle. Then (more briefly) for its data, which is usually
// in by then (asked for in parallel, often by index.html before this code loaded): one render of the finished page
// costs less than a skeleton's render, layout and paint followed by the page's.
if (firstRoute)
  void Promise.race([firstRoute.code, wait(1_500)])
    .then(() => Promise.race([firstRoute.data, wait(150)]))
    .finally(render);
else render();
