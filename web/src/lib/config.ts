/** Where worker-api answers; Cloudflare Pages builds set VITE_API_BASE_URL. */
export const API_BASE_URL: string = (import.meta.env.VITE_API_BASE_URL ?? 'http://127.0.0.1:8787').replace(
  /\/+$/,
  '',
);
