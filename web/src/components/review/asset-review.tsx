import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { ExternalLinkIcon, ScaleIcon, ShieldAlertIcon, ShieldCheckIcon } from 'lucide-react';
import { useState } from 'react';
import { AssetCopy } from '@/components/campaigns/asset-copy';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { humanize } from '@/lib/format';
import { channelLabel, enumLabel, formatLabel } from '@/lib/labels';
import { trpc } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { decidedSince, ItemReview, type ReviewItem } from './item-review';
import type { RunDetail } from './live-snapshot';

/** The ad-policy clause a compliance finding cites (QaIssue.policy of the QA report). */
export interface PolicyFinding {
  severity: string;
  message: string;
  phrase: string | null;
  category: string;
  clauseId: string;
  platform: string;
  area: string;
  clauseText: string;
  url: string;
  source: string;
}

interface AssetQa {
  passed: boolean;
  /** Brand and other issues, shown in the QA summary. */
  issues: { message: string; severity: string; kind: string }[];
  /** Ad-policy findings with their clause, shown in full. */
  findings: PolicyFinding[];
  /** Compliance blockers (with or without a cited clause): approving needs the reviewer to have read them. */
  complianceBlockers: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function findingOf(issue: Record<string, unknown>): PolicyFinding | null {
  const p = issue.policy;
  if (!p || typeof p !== 'object') return null;
  const policy = p as Record<string, unknown>;
  const clauseId = str(policy.clauseId);
  const url = str(policy.url);
  if (!clauseId || !url) return null;
  return {
    severity: str(issue.severity) ?? 'info',
    message: str(issue.message) ?? '',
    phrase: str(issue.phrase),
    category: str(policy.category) ?? '',
    clauseId,
    platform: str(policy.platform) ?? '',
    area: str(policy.area) ?? '',
    clauseText: str(policy.clauseText) ?? '',
    // Only web links are rendered as links.
    url: /^https:\/\//.test(url) ? url : '',
    source: str(policy.source) ?? 'rule',
  };
}

export function qaOf(raw: unknown): AssetQa | null {
  if (!raw || typeof raw !== 'object') return null;
  const q = raw as { passed?: unknown; issues?: unknown };
  if (typeof q.passed !== 'boolean') return null;
  const all = (Array.isArray(q.issues) ? q.issues : []).filter(
    (i): i is Record<string, unknown> =>
      Boolean(i) && typeof i === 'object' && typeof (i as { message?: unknown }).message === 'string',
  );
  const issues: AssetQa['issues'] = [];
  const findings: PolicyFinding[] = [];
  for (const i of all) {
    const finding = findingOf(i);
    if (finding) findings.push(finding);
    else
      issues.push({
        message: String(i.message),
        severity: String(i.severity ?? 'info'),
        kind: String(i.kind ?? 'qa'),
      });
  }
  const complianceBlockers = all.filter((i) => i.kind === 'compliance' && i.severity === 'blocker').length;
  return { passed: q.passed, issues, findings, complianceBlockers };
}

/** Each ad-policy finding with its clause: platform, clause id, the clause's words and its help-centre page. */
export function PolicyFindings({ findings }: { findings: PolicyFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <section
      aria-label="Ad-policy findings"
      className="grid gap-2 rounded-md border border-destructive/30 p-2"
    >
      <h5 className="inline-flex items-center gap-1 text-xs font-semibold">
        <ScaleIcon className="size-3.5" aria-hidden />
        Ad-policy findings ({findings.length})
      </h5>
      <ul className="grid gap-2">
        {findings.map((f, n) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id and never reorder
            key={n}
            data-testid="policy-finding"
            className="grid gap-1 text-xs"
          >
            <div className="flex flex-wrap items-center gap-1.5">
              <Badge
                variant={
                  f.severity === 'blocker' ? 'destructive' : f.severity === 'warning' ? 'warning' : 'outline'
                }
              >
                {humanize(f.severity)}
              </Badge>
              <span className="font-medium">{enumLabel(f.category)}</span>
              <span className="text-muted-foreground">
                {channelLabel(f.platform)} · clause <span className="font-mono">{f.clauseId}</span>
              </span>
              <Badge variant="outline">
                {f.source === 'judge' ? 'Found by the AI compliance judge' : 'Found by a policy rule'}
              </Badge>
            </div>
            <p>{f.message}</p>
            {f.phrase ? (
              <p>
                Offending words: <q className="font-medium">{f.phrase}</q>
              </p>
            ) : null}
            <blockquote className="border-l-2 pl-2 text-muted-foreground">
              <span className="font-medium text-foreground">{f.area}:</span> {f.clauseText}
            </blockquote>
            {f.url ? (
              <a
                href={f.url}
                target="_blank"
                rel="noopener noreferrer"
                className="w-fit text-primary underline-offset-2 hover:underline"
              >
                {channelLabel(f.platform)} policy: {f.area}
                <ExternalLinkIcon className="ml-1 inline size-3 align-[-0.125em]" aria-hidden />
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
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
  // Assets whose compliance findings the reviewer has confirmed reading (approval is locked until then).
  const [read, setRead] = useState<ReadonlySet<string>>(new Set());
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
  const items: ReviewItem[] = assets.map((a) => {
    const qa = qaOf(a.qa);
    const title = `${formatLabel(a.format)} · ${channelLabel(a.channelId)}`;
    const mustRead = (qa?.complianceBlockers ?? 0) > 0 && !read.has(a.id);
    return {
      id: a.id,
      title,
      // The variant, funnel stage and angle in words; the asset's uuid says nothing to a reviewer.
      hideId: true,
      subtitle:
        [a.variantId ? `Variant ${a.variantId}` : null, a.funnelStageId, a.angleType]
          .filter((v): v is string => Boolean(v))
          .map((v, n) => (n === 0 && a.variantId ? v : enumLabel(v)))
          .join(' · ') || undefined,
      body: (
        <>
          <div className="rounded-md bg-muted/40 p-2">
            <AssetCopy content={a.content} />
          </div>
          <PolicyFindings findings={qa?.findings ?? []} />
          {qa && qa.complianceBlockers > 0 ? (
            <label
              className={cn(
                'flex items-start gap-2 rounded-md border p-2 text-sm font-medium',
                read.has(a.id) ? 'border-success/50 bg-success/5' : 'border-destructive/50 bg-destructive/5',
              )}
            >
              <input
                type="checkbox"
                className="mt-0.5 size-4 shrink-0 accent-primary"
                checked={read.has(a.id)}
                disabled={!canReview}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setRead((r) => {
                    const next = new Set(r);
                    if (checked) next.add(a.id);
                    else next.delete(a.id);
                    return next;
                  });
                }}
              />
              <span className="inline-flex items-start gap-1">
                {read.has(a.id) ? (
                  <ShieldCheckIcon
                    className="mt-0.5 size-4 shrink-0 text-[oklch(0.45_0.11_160)]"
                    aria-hidden
                  />
                ) : (
                  <ShieldAlertIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
                )}
                <span>
                  {qa.complianceBlockers === 1
                    ? 'I have read the compliance blocker above and approve this asset anyway'
                    : `I have read the ${qa.complianceBlockers} compliance blockers above and approve this asset anyway`}
                </span>
              </span>
            </label>
          ) : null}
        </>
      ),
      qa: qa ? { passed: qa.passed, issues: qa.issues, policyFindings: qa.findings.length } : null,
      approvalLocked: mustRead
        ? 'Read the ad-policy findings and tick the confirmation below to approve'
        : null,
    };
  });
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
