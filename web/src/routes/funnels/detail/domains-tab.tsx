import { useState } from 'react';
import { DomainsPanel } from '@/components/funnels/domains-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { errorMessage } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import type { FunnelDetail } from './shared';

export function DomainsTab({ detail, canEdit }: { detail: FunnelDetail; canEdit: boolean }) {
  const { funnel } = detail;
  const utils = trpc.useUtils();
  const [verifying, setVerifying] = useState<string | null>(null);
  const domains = trpc.domains.list.useQuery({ funnelId: funnel.id }, { meta: { silent: true } });
  const refresh = () => utils.domains.list.invalidate({ funnelId: funnel.id });
  const add = trpc.domains.add.useMutation({
    meta: { silent: true },
    onSuccess: refresh,
    onError: (err) => toast.error(errorMessage(err)),
  });
  const verify = trpc.domains.verify.useMutation({
    meta: { silent: true },
    onSuccess: async (r) => {
      if (r.verified) toast.success(`${r.domain.hostname} verified`);
      else toast.error(r.error ?? 'The TXT record was not found yet.');
      await refresh();
    },
    onError: (err) => toast.error(errorMessage(err)),
    onSettled: () => setVerifying(null),
  });
  if (domains.isPending) return <Skeleton className="h-40 w-full" />;
  if (domains.isError) return <p className="text-sm text-destructive">{domains.error.message}</p>;
  return (
    <DomainsPanel
      domains={domains.data}
      canEdit={canEdit}
      adding={add.isPending}
      verifyingId={verifying}
      onAdd={(hostname) => add.mutateAsync({ clientId: funnel.clientId, funnelId: funnel.id, hostname })}
      onVerify={(id) => {
        setVerifying(id);
        verify.mutate({ id });
      }}
    />
  );
}
