import { PublicationsPanel } from '@/components/funnels/publications-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { errorMessage } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import type { FunnelDetail } from './shared';

export function PublicationsTab({ detail, canEdit }: { detail: FunnelDetail; canEdit: boolean }) {
  const { funnel } = detail;
  const utils = trpc.useUtils();
  const pubs = trpc.funnels.publications.useQuery({ funnelId: funnel.id }, { meta: { silent: true } });
  const rollback = trpc.funnels.rollback.useMutation({
    meta: { silent: true },
    onSuccess: async (_, v) => {
      toast.success('Rolled back: visitors now get that publication');
      await Promise.all([
        utils.funnels.publications.invalidate({ funnelId: funnel.id }),
        utils.funnels.get.invalidate({ id: funnel.id }),
      ]);
      return v;
    },
    onError: (err) => toast.error(errorMessage(err)),
  });
  if (pubs.isPending) return <Skeleton className="h-40 w-full" />;
  if (pubs.isError) return <p className="text-sm text-destructive">{pubs.error.message}</p>;
  return (
    <PublicationsPanel
      publications={pubs.data.map((p) => ({ ...p, active: p.id === funnel.activePublicationId }))}
      canEdit={canEdit}
      pending={rollback.isPending}
      onRollback={(publicationId) => rollback.mutateAsync({ funnelId: funnel.id, publicationId })}
    />
  );
}
