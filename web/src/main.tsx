import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The agency web app is built by the web issue; this shell only proves the toolchain end to end.
function App() {
  return (
    <main style={{ fontFamily: 'system-ui', padding: 32 }}>
      <h1>MOS</h1>
      <p>
        The web app is not built yet. The API runs at{' '}
        {import.meta.env.VITE_API_BASE_URL ?? 'http://localhost:8787'}.
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
