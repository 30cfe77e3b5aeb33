import { FileIcon } from 'lucide-react';
import { useState } from 'react';
import { publicPageUrl } from '@/components/funnels/page-state';
import { PagesTable } from '@/components/funnels/pages-table';
import type { FunnelPageRow } from '@/components/funnels/types';
import { EmptyState } from '@/components/ui/empty-state';
import { toast } from '@/components/ui/sonner';
import { API_BASE_URL } from '@/lib/config';
import { errorMessage } from '@/lib/errors';
import { trpc } from '@/lib/trpc';
import { ConfirmDialog } from '@/routes/clients/detail/confirm-dialog';
import { AddPageDialog } from '../add-page-dialog';
import { editHref, type FunnelDetail } from './shared';

export function PagesTab({ detail, canEdit }: { detail: FunnelDetail; canEdit: boolean }) {
  const { funnel } = detail;
  const utils = trpc.useUtils();
  const [deleting, setDeleting] = useState<FunnelPageRow | null>(null);
  const refresh = () => utils.funnels.get.invalidate({ id: funnel.id });
  const onError = (err: unknown) => toast.error(errorMessage(err));
  const updatePage = trpc.funnels.updatePage.useMutation({
    meta: { silent: true },
    onSuccess: refresh,
    onError,
  });
  const updateFunnel = trpc.funnels.update.useMutation({
    meta: { silent: true },
    onSuccess: refresh,
    onError,
  });
  const approve = trpc.funnels.approvePage.useMutation({
    meta: { silent: true },
    onSuccess: async () => {
      toast.success('Page approved');
      await refresh();
    },
    onError,
  });
  const remove = trpc.funnels.deletePage.useMutation({
    meta: { silent: true },
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
    onError,
  });
  const pages = [...detail.pages].sort((a, b) => a.ordering - b.ordering);
  const busy = updatePage.isPending || updateFunnel.isPending || approve.isPending || remove.isPending;

  const move = (pageId: string, direction: -1 | 1) => {
    const i = pages.findIndex((p) => p.id === pageId);
    const other = pages[i + direction];
    const page = pages[i];
    if (!page || !other) return;
    // Swap the two orderings (two updates; the list re-reads once both are in).
    void Promise.all([
      updatePage.mutateAsync({ pageId: page.id, ordering: other.ordering }),
      updatePage.mutateAsync({ pageId: other.id, ordering: page.ordering }),
    ]).catch(() => undefined);
  };

  return (
    <div className="grid gap-4">
      {canEdit ? (
        <div className="flex justify-end">
          <AddPageDialog funnelId={funnel.id} />
        </div>
      ) : null}
      {pages.length === 0 ? (
        <EmptyState
          icon={FileIcon}
          title="No pages yet"
          description="Add the first page from a template; the first page becomes the entry page."
        />
      ) : (
        <PagesTable
          pages={pages}
          entryPageId={funnel.entryPageId}
          editHref={(id) => editHref(funnel.id)(id)}
          publicHref={(slug) => publicPageUrl(API_BASE_URL, funnel.publicId, slug)}
          published={funnel.activePublicationId !== null}
          canEdit={canEdit}
          busy={busy}
          onNextPage={(pageId, nextPageId) => updatePage.mutate({ pageId, nextPageId })}
          onEntryPage={(pageId) => updateFunnel.mutate({ id: funnel.id, entryPageId: pageId })}
          onMove={move}
          onApprove={(pageId) => approve.mutate({ pageId, variantId: null })}
          onDelete={setDeleting}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => (o ? null : setDeleting(null))}
        title={`Delete page “${deleting?.name ?? ''}”?`}
        description="Its drafts and approvals go with it. Publications already made keep their copy of the page."
        confirmLabel="Delete page"
        pending={remove.isPending}
        onConfirm={() => (deleting ? remove.mutate({ pageId: deleting.id }) : undefined)}
      />
    </div>
  );
}
