import { USER_ROLES, type UserRole } from '@mos/db/contracts';
import { API_BASE_URL } from './config';
import type { FieldIssue } from './errors';

/** The roles local sign-in offers: the contract's own list. */
export const ROLES = USER_ROLES;
export type Role = UserRole;

export interface LocalSignIn {
  email: string;
  orgId: string;
  orgName?: string | undefined;
  role: Role;
}

export class LocalAuthError extends Error {
  readonly fieldErrors: FieldIssue[];
  constructor(message: string, fieldErrors: FieldIssue[] = []) {
    super(message);
    this.name = 'LocalAuthError';
    this.fieldErrors = fieldErrors;
  }
}

/** Asks worker-api (local auth mode only) for a session token in Clerk's claim shape. */
export async function requestLocalToken(body: LocalSignIn, baseUrl = API_BASE_URL): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/auth/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new LocalAuthError(`Cannot reach the API at ${baseUrl}. Is it running (pnpm dev)?`);
  }
  const json = (await res.json().catch(() => null)) as {
    token?: unknown;
    error?: { message?: string; fieldErrors?: FieldIssue[] };
  } | null;
  if (res.status === 404) {
    throw new LocalAuthError(
      'Local sign-in is not enabled on this API (it runs with Clerk or in production).',
    );
  }
  if (!res.ok || typeof json?.token !== 'string') {
    throw new LocalAuthError(
      json?.error?.message ?? `Sign-in failed (HTTP ${res.status})`,
      json?.error?.fieldErrors ?? [],
    );
  }
  return json.token;
}
