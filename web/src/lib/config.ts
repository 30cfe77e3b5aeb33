import { apiBaseUrl } from '@/boot/first-route';

/** Where worker-api answers; Cloudflare Pages builds set VITE_API_BASE_URL. */
export const API_BASE_URL: string = apiBaseUrl(import.meta.env.VITE_API_BASE_URL);

/**
 * Clerk's publishable key: when set, sign-in, the organization switcher and session tokens come from Clerk; when
 * unset, the local sign-in of worker-api's local auth mode is used. Read at call time so tests can stub it.
 */
export function clerkPublishableKey(): string | undefined {
  const key = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY?.trim();
  return key ? key : undefined;
}
