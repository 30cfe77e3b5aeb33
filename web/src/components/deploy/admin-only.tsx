import { ShieldAlertIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';

/**
 * Deploys are admin-only on the API; the page says so in words instead of showing a wall of FORBIDDEN errors to an
 * operator or member who opened the URL.
 */
export function AdminOnly({
  memberRole: role,
  children,
}: {
  memberRole: string | undefined;
  children: ReactNode;
}) {
  if (role === undefined)
    return (
      <div className="space-y-4" role="status" aria-busy="true" aria-label="Loading">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  if (role !== 'admin')
    return (
      <div className="grid gap-6">
        <h1 className="text-2xl font-semibold tracking-tight">Deploy</h1>
        <EmptyState
          icon={ShieldAlertIcon}
          title="Admins only"
          description="Deploys create servers and hold the organisation's credentials, so only admins can see and run them. Ask an admin of your organisation for access."
        />
      </div>
    );
  return <>{children}</>;
}
