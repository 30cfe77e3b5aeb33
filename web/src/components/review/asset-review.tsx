import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { AssetCopy } from '@/components/campaigns/asset-copy';
import { Skeleton } from '@/components/ui/skeleton';
import { humanize } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { decidedSince, ItemReview, type ReviewItem } from './item-review';
import type { RunDetail } from './live-snapshot';

function qaOf(raw: unknown): ReviewItem['qa'] {
  if (!raw || typeof raw !== 'object') return null;
  const q = raw as { passed?: unknown; issues?: unknown };
  if (typeof q.passed !== 'boolean') return null;
  const issues = Array.isArray(q.issues)
    ? q.issues.flatMap((i) =>
        i && typeof i === 'object' && typeof (i as { message?: unknown }).message === 'string'
          ? [
              {
                message: (i as { message: string }).message,
                severity: String((i as { severity?: unknown }).severity ?? 'info'),
                kind: String((i as { kind?: unknown }).kind ?? 'qa'),
              },
            ]
          : [],
      )
    : [];
  return { passed: q.passed, issues };
}

/** Assets of the draft: the campaign's assets whose QA report is one of the draft's artifacts. */
export function AssetReview({
  detail,
  draftKey,
  live,
  canReview,
}: {
  detail: RunDetail;
  draftKey: string | null;
  live: WorkflowStatusSnapshot;
  canReview: boolean;
}) {
  const campaignId = detail.run.campaignId;
  const query = trpc.assets.list.useQuery(
    { campaignId: campaignId ?? undefined, limit: 100 },
    { enabled: Boolean(campaignId) },
  );
  const draftIds = new Set(live.draftArtifactIds);
  const assets = (query.data?.items ?? []).filter(
    (a) => a.qaReportArtifactId !== null && draftIds.has(a.qaReportArtifactId),
  );
  const drafts = detail.artifacts.filter((a) => draftIds.has(a.id));
  const since = drafts.reduce<string | null>(
    (min, a) => (!min || a.createdAt < min ? a.createdAt : min),
    null,
  );

  if (query.isPending && campaignId) {
    return (
      <div className="grid gap-2" role="status" aria-label="Loading assets">
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-20 w-full" />
      </div>
    );
  }
  const items: ReviewItem[] = assets.map((a) => ({
    id: a.id,
    title: `${humanize(a.format)} · ${a.channelId}`,
    subtitle: [a.funnelStageId, a.angleType].filter(Boolean).join(' · ') || undefined,
    body: (
      <div className="rounded-md bg-muted/40 p-2">
        <AssetCopy content={a.content} />
      </div>
    ),
    qa: qaOf(a.qa),
  }));
  return (
    <ItemReview
      runId={detail.run.id}
      draftKey={draftKey}
      gate="assets"
      items={items}
      decided={decidedSince(detail, 'assets', since)}
      canReview={canReview}
      allowRegenerate={live.attempt < live.maxAttempts}
    />
  );
}
