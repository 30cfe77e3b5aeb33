/**
 * The page editor: Puck with the block library's config. This module is the only one that imports
 * `@puckeditor/core` and its CSS, and it is loaded lazily by the funnels routes, so no other route carries a byte of
 * Puck (web/e2e/funnels-bundle.e2e.ts proves it on the production build).
 */
// Puck's stylesheet without its external font import (rsms.me): the editor loads nothing from third parties.
import '@puckeditor/core/no-external.css';
import { createPuckConfig } from '@mos/funnel-blocks/puck';
import { DEFAULT_DESIGN_TOKENS, emptyPageDocument, type PageDocument } from '@mos/funnel-blocks/schema';
import { createUsePuck, type Data, Puck } from '@puckeditor/core';
import { ArrowLeftIcon, CheckIcon, SaveIcon } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { describeDocumentIssue } from '@/components/funnels/document-issues';
import { mediaUrl, uploadImage } from '@/components/funnels/media';
import { pageState } from '@/components/funnels/page-state';
import { PageStateBadge } from '@/components/funnels/status-badges';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf } from '@/lib/errors';
import { funnelLabel } from '@/lib/labels';
import { type RouterOutputs, trpc } from '@/lib/trpc';

type EditorData = RouterOutputs['funnels']['getPage'];

const usePuck = createUsePuck();

/**
 * "Add block": inserts a block at the end of the page and selects it, for people who do not drag (keyboard, screen
 * readers); dragging from the block list works as usual.
 */
function AddBlockMenu() {
  const dispatch = usePuck((s) => s.dispatch);
  const config = usePuck((s) => s.config);
  const count = usePuck((s) => s.appState.data.content.length);
  const components = Object.entries(config.components) as [string, { label?: string }][];
  return (
    <select
      aria-label="Add block"
      className="h-8 rounded-md border border-input bg-card px-2 text-sm"
      value=""
      onChange={(e) => {
        const type = e.target.value;
        if (!type) return;
        dispatch({
          type: 'insert',
          componentType: type,
          destinationIndex: count,
          destinationZone: 'root:default-zone',
        });
        dispatch({ type: 'setUi', ui: { itemSelector: { index: count, zone: 'root:default-zone' } } });
      }}
    >
      <option value="">Add block…</option>
      {components.map(([type, c]) => (
        <option key={type} value={type}>
          {c.label ?? type}
        </option>
      ))}
    </select>
  );
}

function EditorBody({
  data,
  funnelId,
  variantId,
}: {
  data: EditorData;
  funnelId: string;
  variantId: string | null;
}) {
  const utils = trpc.useUtils();
  const initial = (data.latestDraft?.document ??
    data.latestApproved?.document ??
    emptyPageDocument(data.page.name)) as PageDocument;
  const doc = useRef<PageDocument>(initial);
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<string[]>([]);
  const offers = trpc.offers.list.useQuery(
    { clientId: data.funnel.clientId, limit: 100 },
    { meta: { silent: true } },
  );
  const funnel = trpc.funnels.get.useQuery({ id: funnelId }, { meta: { silent: true } });
  const key = { pageId: data.page.id, variantId: variantId ?? undefined };
  const refresh = () =>
    Promise.all([utils.funnels.getPage.invalidate(key), utils.funnels.get.invalidate({ id: funnelId })]);

  const save = trpc.funnels.savePage.useMutation({ meta: { silent: true } });
  const approve = trpc.funnels.approvePage.useMutation({ meta: { silent: true } });

  const saveDraft = async (): Promise<boolean> => {
    try {
      await save.mutateAsync({ pageId: data.page.id, variantId, document: doc.current });
      setIssues([]);
      setDirty(false);
      await refresh();
      return true;
    } catch (err) {
      const list = fieldIssuesOf(err).map((i) => describeDocumentIssue(doc.current, i));
      setIssues(list.length ? list : [errorMessage(err)]);
      return false;
    }
  };
  const onSave = async () => {
    if (await saveDraft()) toast.success('Draft saved');
  };
  const onApprove = async () => {
    if (dirty && !(await saveDraft())) return;
    try {
      await approve.mutateAsync({ pageId: data.page.id, variantId });
      toast.success('Approved: the next publish uses this version');
      await refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  const tokens = data.designTokens ?? DEFAULT_DESIGN_TOKENS;
  const pages = funnel.data?.pages;
  const consent = funnel.data?.funnel.settings.consent;
  // The canvas renders the block library's components with the client's design tokens, as the published page will.
  const config = useMemo(
    () =>
      createPuckConfig({
        offers: offers.data?.items ?? [],
        pages: (pages ?? []).map((p) => ({ id: p.id, name: p.name, slug: p.slug })),
        mediaUrl,
        uploadImage: async (file: File) => {
          const up = await uploadImage(file, { funnelId });
          return {
            mediaId: up.mediaId,
            src: `/media/${up.mediaId}`,
            alt: file.name.replace(/\.[a-z0-9]+$/i, ''),
            width: up.width,
            height: up.height,
          };
        },
        tokens,
        pageId: data.page.id,
        nextPageId: data.page.nextPageId,
        ...(consent ? { consent } : {}),
      }),
    [offers.data, pages, funnelId, tokens, data.page.id, data.page.nextPageId, consent],
  );

  const state = pageState({
    latestApprovedVersionId: data.latestApproved?.id ?? null,
    hasUnapprovedChanges: data.hasUnapprovedChanges,
  });
  const variant = data.variant;
  const busy = save.isPending || approve.isPending;

  return (
    <main className="flex h-screen flex-col">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b bg-background px-4 py-2">
        <div className="flex min-w-0 items-center gap-3">
          <Link
            to={`/funnels/${funnelId}`}
            className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
          >
            <ArrowLeftIcon className="size-4" aria-hidden /> Funnel
          </Link>
          <h1 className="truncate text-base font-semibold">
            {data.page.name}
            {variant ? ` · ${variant.name}` : ''}
          </h1>
          <PageStateBadge state={state} />
          {data.latestDraft?.source === 'ai' && state !== 'approved' ? (
            <Badge variant="default">{funnelLabel('source', 'ai')} to review</Badge>
          ) : null}
          {dirty ? <span className="text-xs text-muted-foreground">Unsaved changes</span> : null}
        </div>
        <div className="flex items-center gap-2">
          <Button variant="outline" disabled={busy || !dirty} onClick={() => void onSave()}>
            <SaveIcon aria-hidden /> {save.isPending ? 'Saving…' : 'Save draft'}
          </Button>
          <Button disabled={busy || (state === 'approved' && !dirty)} onClick={() => void onApprove()}>
            <CheckIcon aria-hidden /> {approve.isPending ? 'Approving…' : 'Approve'}
          </Button>
        </div>
      </div>
      {issues.length > 0 ? (
        <div role="alert" className="border-b border-destructive/30 bg-destructive/5 px-4 py-2 text-sm">
          <p className="font-medium text-destructive">The draft was not saved:</p>
          <ul className="list-disc pl-5" aria-label="Validation problems">
            {issues.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="min-h-0 flex-1">
        <Puck
          config={config}
          data={initial as unknown as Data}
          headerTitle={data.page.name}
          headerPath={`/${data.page.slug}`}
          height="100%"
          onChange={(d) => {
            doc.current = d as unknown as PageDocument;
            setDirty(true);
          }}
          overrides={{ headerActions: () => <AddBlockMenu /> }}
        />
      </div>
    </main>
  );
}

export default function FunnelPageEditor() {
  const { funnelId = '', pageId = '' } = useParams();
  const [params] = useSearchParams();
  const variantId = params.get('variant');
  const q = trpc.funnels.getPage.useQuery(
    { pageId, variantId: variantId ?? undefined },
    { meta: { silent: true }, refetchOnWindowFocus: false },
  );
  if (q.isPending)
    return (
      <div className="space-y-4 p-6" role="status" aria-busy="true" aria-label="Loading the editor">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-[70vh] w-full" />
      </div>
    );
  if (q.isError)
    return (
      <div className="p-6">
        <p className="text-destructive">{q.error.message}</p>
        <Link to={`/funnels/${funnelId}`} className="text-primary hover:underline">
          Back to the funnel
        </Link>
      </div>
    );
  // Puck holds the document being edited (with its undo history); it remounts only for another page or variant.
  return (
    <EditorBody
      key={`${pageId}:${variantId ?? ''}`}
      data={q.data}
      funnelId={funnelId}
      variantId={variantId}
    />
  );
}
