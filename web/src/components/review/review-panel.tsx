import { artifactSchemas } from '@mos/db/artifacts';
import type { GATE_ARTIFACT_TYPES, Gate, WorkflowStatusSnapshot } from '@mos/db/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  AlertTriangleIcon,
  CheckIcon,
  ClipboardCheckIcon,
  LoaderIcon,
  PencilIcon,
  ShieldAlertIcon,
  ShieldCheckIcon,
  XIcon,
} from 'lucide-react';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { SchemaForm } from '@/components/schema-form/schema-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { fieldIssuesOf } from '@/lib/errors';
import { humanize } from '@/lib/format';
import { api, type RouterOutputs } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { ArtifactView } from './artifact-view';
import { RejectForm } from './reject-form';
import { issuesUnder, type ReviewInput, useReview } from './use-review';

export type RunDetail = RouterOutputs['workflows']['get'];
type RunArtifact = RunDetail['artifacts'][number];

/** The artifact type each gate decides on; typed against the worker's contract so the two cannot drift apart. */
const GATE_TYPES: typeof GATE_ARTIFACT_TYPES = {
  canon: 'client_canon',
  metric_schema: 'metric_schema',
  strategy_sheet: 'strategy_sheet',
  experiments: 'experiment_spec',
  assets: null,
  step_failed: null,
};

const GATE_COPY: Record<Gate, { title: string; description: string }> = {
  canon: {
    title: 'Client canon',
    description: 'What is true about the business: brand, offers, audiences, voice and constraints.',
  },
  metric_schema: {
    title: 'Metric schema',
    description: 'The metrics experiments are judged by, with their events and guardrails.',
  },
  strategy_sheet: {
    title: 'Strategy sheet',
    description: 'The campaign’s goal, audiences, channels and budget split.',
  },
  experiments: {
    title: 'Experiment specs',
    description: 'Approve or reject each experiment, or edit the set and approve everything still open.',
  },
  assets: {
    title: 'Creative assets',
    description: 'Generated copy with its brand and compliance QA. Approve or reject each asset.',
  },
  step_failed: {
    title: 'A step needs you',
    description: 'A drafting step could not produce a valid document. Retry it, write the document, or stop.',
  },
};

const isGate = (g: unknown): g is Gate => typeof g === 'string' && Object.hasOwn(GATE_TYPES, g);

/** The live `status` snapshot, when the workflow answered one. */
export function liveSnapshot(live: unknown): WorkflowStatusSnapshot | null {
  if (!live || typeof live !== 'object') return null;
  const s = live as Partial<WorkflowStatusSnapshot>;
  if (typeof s.step !== 'string') return null;
  return {
    workflow: s.workflow ?? '',
    step: s.step,
    waitingFor: s.waitingFor ?? null,
    draftKey: s.draftKey ?? null,
    stepFailure: s.stepFailure ?? null,
    draftArtifactIds: Array.isArray(s.draftArtifactIds) ? s.draftArtifactIds : [],
    attempt: typeof s.attempt === 'number' ? s.attempt : 1,
    maxAttempts: typeof s.maxAttempts === 'number' ? s.maxAttempts : 3,
    lastError: s.lastError ?? null,
    completedSteps: Array.isArray(s.completedSteps) ? s.completedSteps : [],
    stopRequested: s.stopRequested === true,
  };
}

export interface ReviewPanelProps {
  detail: RunDetail;
  live: WorkflowStatusSnapshot;
  /** Operators and admins decide at gates; members see the draft read-only. */
  canReview: boolean;
}

/** The decision a run waits on: the draft, and approve / edit & approve / reject, or per-item decisions. */
export function ReviewPanel({ detail, live, canReview }: ReviewPanelProps) {
  const gate = live.waitingFor;
  if (!isGate(gate)) return null;
  const copy = GATE_COPY[gate];
  const type = GATE_TYPES[gate];
  const drafts = detail.artifacts.filter((a) => live.draftArtifactIds.includes(a.id));
  const document = type ? drafts.find((a) => a.type === type) : undefined;

  return (
    <Card className="overflow-hidden border-warning/50 shadow-md" aria-labelledby="review-title">
      <div className="h-1 bg-warning" aria-hidden />
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <div className="flex size-9 items-center justify-center rounded-full bg-warning/15 text-[oklch(0.5_0.12_60)]">
              <ClipboardCheckIcon className="size-5" aria-hidden />
            </div>
            <div>
              <CardTitle id="review-title">Review: {copy.title}</CardTitle>
              <CardDescription>{copy.description}</CardDescription>
            </div>
          </div>
          <Badge variant={live.attempt >= live.maxAttempts ? 'warning' : 'secondary'}>
            Draft {live.attempt} of {live.maxAttempts}
          </Badge>
        </div>
        {live.lastError ? (
          <div
            role="alert"
            className="flex items-start gap-2 rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
          >
            <AlertTriangleIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              <span className="font-medium">The last decision was not applied: </span>
              {live.lastError}
            </span>
          </div>
        ) : null}
        {!canReview ? (
          <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
            You can read this draft. Decisions at gates need the operator or admin role.
          </p>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-6">
        {type ? (
          document ? (
            <DocumentReview
              key={document.id}
              runId={detail.run.id}
              gate={gate}
              artifact={document}
              live={live}
              canReview={canReview}
            />
          ) : (
            <p className="text-sm text-muted-foreground">
              The draft is being written. It appears here when it is ready.
            </p>
          )
        ) : null}
        {gate === 'experiments' && document ? (
          <ItemReview
            runId={detail.run.id}
            gate={gate}
            canReview={canReview}
            decided={decidedSince(detail, gate, document.createdAt)}
            items={experimentItems(document.data)}
          />
        ) : null}
        {gate === 'assets' ? <AssetReview detail={detail} live={live} canReview={canReview} /> : null}
      </CardContent>
    </Card>
  );
}

type Mode = 'view' | 'edit' | 'reject';

const SOURCE_LABEL: Record<RunArtifact['source'], string> = {
  ai: 'Written by AI',
  human: 'Edited by a person',
  import: 'Imported',
};

function DocumentReview({
  runId,
  gate,
  artifact,
  live,
  canReview,
}: {
  runId: string;
  gate: Gate;
  artifact: RunArtifact;
  live: WorkflowStatusSnapshot;
  canReview: boolean;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const review = useReview(runId);
  const schema = artifactSchemas[artifact.type];
  const outOfDrafts = live.attempt >= live.maxAttempts;
  const editIssues = useMemo(() => issuesUnder(review.error, 'edited'), [review.error]);
  const feedbackError = fieldIssuesOf(review.error).find((i) => i.path[0] === 'feedback')?.message;

  // After a decision the workflow needs a moment to act on it; until its live state moves (new draft, new gate,
  // a refusal) the actions stay hidden so nobody decides twice. A timeout unlocks them in any case.
  const stateKey = `${gate}:${live.attempt}:${live.draftArtifactIds.join(',')}:${live.lastError ?? ''}`;
  const [sentKey, setSentKey] = useState<string | null>(null);
  useEffect(() => {
    if (!sentKey) return;
    const timer = setTimeout(() => setSentKey(null), 20_000);
    return () => clearTimeout(timer);
  }, [sentKey]);
  const decide = (input: ReviewInput) =>
    review.mutate(input, {
      onSuccess: () => {
        setSentKey(stateKey);
        setMode('view');
      },
    });
  const sent = sentKey === stateKey;

  if (mode === 'edit') {
    return (
      <section aria-label="Edit the draft" className="grid gap-3">
        <p className="text-sm text-muted-foreground">
          Your edited version replaces the draft and is approved in one step. Every field is checked against
          the {humanize(artifact.type).toLowerCase()} schema.
        </p>
        <SchemaForm
          schema={schema}
          initialValue={artifact.data}
          lockedKeys={['clientId', 'campaignId']}
          serverIssues={editIssues}
          submitting={review.isPending}
          submitLabel="Save edits & approve"
          onCancel={() => {
            review.reset();
            setMode('view');
          }}
          onSubmit={(edited) => decide({ runId, gate, decision: 'edit', edited })}
        />
      </section>
    );
  }

  return (
    <section aria-label="Draft" className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <Badge variant="outline">v{artifact.version}</Badge>
        <span>{SOURCE_LABEL[artifact.source]}</span>
      </div>
      <section
        className="max-h-[36rem] overflow-auto rounded-lg border bg-background p-4"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
        tabIndex={0}
        aria-label="Draft document"
      >
        <ArtifactView data={artifact.data} />
      </section>
      {sent ? (
        <p role="status" className="flex items-center justify-end gap-2 text-sm text-muted-foreground">
          <LoaderIcon className="size-4 animate-spin motion-reduce:animate-none" aria-hidden />
          Decision sent. Waiting for the workflow to continue…
        </p>
      ) : mode === 'reject' ? (
        <RejectForm
          submitting={review.isPending}
          serverError={feedbackError}
          onCancel={() => setMode('view')}
          onSubmit={(feedback) => decide({ runId, gate, decision: 'reject', feedback })}
        />
      ) : (
        <div className="flex flex-wrap items-center justify-end gap-2">
          {outOfDrafts ? (
            <p className="mr-auto text-xs text-muted-foreground">
              All {live.maxAttempts} drafts are used: edit this one, approve it, or stop the run.
            </p>
          ) : null}
          <Button
            variant="outline"
            disabled={!canReview || review.isPending || outOfDrafts}
            title={outOfDrafts ? 'No drafts left to regenerate' : undefined}
            onClick={() => setMode('reject')}
          >
            <XIcon aria-hidden />
            Reject with feedback
          </Button>
          <Button variant="outline" disabled={!canReview || review.isPending} onClick={() => setMode('edit')}>
            <PencilIcon aria-hidden />
            Edit & approve
          </Button>
          <Button
            disabled={!canReview || review.isPending}
            onClick={() => decide({ runId, gate, decision: 'approve' })}
          >
            <CheckIcon aria-hidden />
            {review.isPending && review.variables?.decision === 'approve' ? 'Approving…' : 'Approve'}
          </Button>
        </div>
      )}
    </section>
  );
}

export interface ReviewItem {
  id: string;
  title: string;
  subtitle?: string | undefined;
  body?: ReactNode;
  /** QA outcome, for assets. */
  qa?: { passed: boolean; issues: { severity: string; kind: string; message: string }[] } | null;
}

type Decision = 'approved' | 'rejected';

/** Items already decided at this gate since the current draft was written (the gate waits until all are). */
function decidedSince(detail: RunDetail, gate: Gate, since: string | null): Map<string, Decision> {
  const decided = new Map<string, Decision>();
  const from = since ? new Date(since).getTime() : 0;
  // Oldest first, so a later decision wins.
  for (const a of [...detail.approvals].reverse()) {
    if (a.gate !== gate || new Date(a.decidedAt).getTime() < from) continue;
    for (const id of a.approvedIds) decided.set(id, 'approved');
    for (const id of a.rejectedIds) decided.set(id, 'rejected');
  }
  return decided;
}

function experimentItems(data: unknown): ReviewItem[] {
  const specs = (data as { experimentSpecs?: unknown } | null)?.experimentSpecs;
  if (!Array.isArray(specs)) return [];
  return specs.flatMap((s): ReviewItem[] => {
    if (!s || typeof s !== 'object') return [];
    const spec = s as {
      id?: unknown;
      name?: unknown;
      hypothesis?: unknown;
      variants?: unknown;
      durationDays?: unknown;
    };
    if (typeof spec.id !== 'string') return [];
    const variants = Array.isArray(spec.variants) ? spec.variants.length : 0;
    return [
      {
        id: spec.id,
        title: typeof spec.name === 'string' ? spec.name : spec.id,
        subtitle: [
          `${variants} variants`,
          typeof spec.durationDays === 'number' ? `${spec.durationDays} days` : null,
        ]
          .filter(Boolean)
          .join(' · '),
        body: typeof spec.hypothesis === 'string' ? <p className="text-sm">{spec.hypothesis}</p> : null,
      },
    ];
  });
}

function ItemReview({
  runId,
  gate,
  items,
  decided,
  canReview,
  allowRegenerate = false,
}: {
  runId: string;
  gate: Gate;
  items: ReviewItem[];
  decided: Map<string, Decision>;
  canReview: boolean;
  /** Whether "reject everything and regenerate" is offered (nothing decided yet). */
  allowRegenerate?: boolean;
}) {
  const [choices, setChoices] = useState<Record<string, Decision | undefined>>({});
  const [rejecting, setRejecting] = useState<'items' | 'all' | null>(null);
  const review = useReview(runId);
  const open = items.filter((i) => !decided.has(i.id));
  const approvedIds = open.filter((i) => choices[i.id] === 'approved').map((i) => i.id);
  const rejectedIds = open.filter((i) => choices[i.id] === 'rejected').map((i) => i.id);
  const chosen = approvedIds.length + rejectedIds.length;
  const set = (id: string, d: Decision) => setChoices((c) => ({ ...c, [id]: c[id] === d ? undefined : d }));
  const setAll = (d: Decision) => setChoices(Object.fromEntries(open.map((i) => [i.id, d])));

  // Approving names its ids explicitly (an approve without ids would approve everything still open); a decision
  // that only rejects is a `reject` and therefore carries feedback.
  const submit = (feedback?: string) => {
    if (approvedIds.length > 0) {
      review.mutate(
        { runId, gate, decision: 'approve', approvedIds, rejectedIds, ...(feedback ? { feedback } : {}) },
        { onSuccess: () => setChoices({}) },
      );
    } else if (feedback) {
      review.mutate(
        { runId, gate, decision: 'reject', approvedIds: [], rejectedIds, feedback },
        { onSuccess: () => setChoices({}) },
      );
    }
  };

  return (
    <section aria-label={`Decide per item (${items.length})`} className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="text-sm font-semibold">
          Decide per item{' '}
          <span className="font-normal text-muted-foreground">
            ({open.length} open of {items.length})
          </span>
        </h4>
        <div className="flex gap-2">
          <Button
            variant="ghost"
            size="sm"
            disabled={!canReview || open.length === 0}
            onClick={() => setAll('approved')}
          >
            Approve all
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={!canReview || open.length === 0}
            onClick={() => setAll('rejected')}
          >
            Reject all
          </Button>
        </div>
      </div>
      {items.length === 0 ? <p className="text-sm text-muted-foreground">No items in this draft.</p> : null}
      <ul className="grid gap-2">
        {items.map((item) => {
          const done = decided.get(item.id);
          const choice = done ?? choices[item.id];
          return (
            <li
              key={item.id}
              data-testid={`item-${item.id}`}
              className={cn(
                'grid gap-2 rounded-lg border p-3 transition-colors',
                choice === 'approved' && 'border-success/50 bg-success/5',
                choice === 'rejected' && 'border-destructive/40 bg-destructive/5',
              )}
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium">{item.title}</p>
                  <p className="text-xs text-muted-foreground">
                    <span className="font-mono">{item.id}</span>
                    {item.subtitle ? ` · ${item.subtitle}` : ''}
                  </p>
                </div>
                {done ? (
                  <Badge variant={done === 'approved' ? 'success' : 'destructive'}>{done}</Badge>
                ) : (
                  <fieldset className="m-0 flex gap-1 border-0 p-0" aria-label={`Decision for ${item.title}`}>
                    <Button
                      size="sm"
                      variant={choice === 'approved' ? 'default' : 'outline'}
                      aria-pressed={choice === 'approved'}
                      disabled={!canReview}
                      onClick={() => set(item.id, 'approved')}
                    >
                      <CheckIcon aria-hidden />
                      Approve
                    </Button>
                    <Button
                      size="sm"
                      variant={choice === 'rejected' ? 'destructive' : 'outline'}
                      aria-pressed={choice === 'rejected'}
                      disabled={!canReview}
                      onClick={() => set(item.id, 'rejected')}
                    >
                      <XIcon aria-hidden />
                      Reject
                    </Button>
                  </fieldset>
                )}
              </div>
              {item.body}
              {item.qa ? <QaSummary qa={item.qa} /> : null}
            </li>
          );
        })}
      </ul>
      {rejecting ? (
        <RejectForm
          submitting={review.isPending}
          label={rejecting === 'all' ? 'What should change in the next draft?' : 'Why are these rejected?'}
          submitLabel={rejecting === 'all' ? 'Reject all and regenerate' : `Reject ${rejectedIds.length}`}
          onCancel={() => setRejecting(null)}
          onSubmit={(feedback) =>
            rejecting === 'all'
              ? review.mutate(
                  { runId, gate, decision: 'reject', feedback },
                  { onSuccess: () => setRejecting(null) },
                )
              : submit(feedback)
          }
        />
      ) : (
        <div className="flex flex-wrap items-center justify-end gap-2">
          {allowRegenerate && decided.size === 0 ? (
            <Button
              variant="ghost"
              disabled={!canReview || review.isPending}
              onClick={() => setRejecting('all')}
            >
              Reject all and regenerate…
            </Button>
          ) : null}
          <span className="text-xs text-muted-foreground">
            {approvedIds.length} to approve · {rejectedIds.length} to reject
          </span>
          <Button
            disabled={!canReview || chosen === 0 || review.isPending}
            onClick={() => (approvedIds.length > 0 ? submit() : setRejecting('items'))}
          >
            {review.isPending ? 'Submitting…' : 'Submit decisions'}
          </Button>
        </div>
      )}
    </section>
  );
}

function QaSummary({ qa }: { qa: NonNullable<ReviewItem['qa']> }) {
  return (
    <div className="grid gap-1 text-xs">
      <span
        className={cn(
          'inline-flex items-center gap-1 font-medium',
          qa.passed ? 'text-success' : 'text-destructive',
        )}
      >
        {qa.passed ? (
          <ShieldCheckIcon className="size-3.5" aria-hidden />
        ) : (
          <ShieldAlertIcon className="size-3.5" aria-hidden />
        )}
        QA {qa.passed ? 'passed' : 'failed'}
        {qa.issues.length ? ` · ${qa.issues.length} issue${qa.issues.length === 1 ? '' : 's'}` : ''}
      </span>
      {qa.issues.length ? (
        <ul className="grid gap-0.5 pl-5">
          {qa.issues.slice(0, 5).map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: QA issues have no id and never reorder
            <li key={n} className="list-disc text-muted-foreground">
              <span className="font-medium text-foreground">{humanize(i.severity)}</span> ({i.kind}):{' '}
              {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function assetText(content: unknown): string {
  if (!content || typeof content !== 'object') return '';
  const c = content as Record<string, unknown>;
  for (const k of ['headline', 'primaryText', 'hook', 'text', 'script', 'prompt', 'body']) {
    const v = c[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  const first = Object.values(c).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first : '';
}

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
function AssetReview({
  detail,
  live,
  canReview,
}: {
  detail: RunDetail;
  live: WorkflowStatusSnapshot;
  canReview: boolean;
}) {
  const campaignId = detail.run.campaignId;
  const query = useQuery({
    queryKey: ['assets.list', { campaignId, limit: 100 }],
    queryFn: () => api.assets.list.query({ campaignId: campaignId ?? undefined, limit: 100 }),
    enabled: Boolean(campaignId),
  });
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
    body: assetText(a.content) ? (
      <p className="whitespace-pre-wrap rounded-md bg-muted/40 p-2 text-sm">{assetText(a.content)}</p>
    ) : null,
    qa: qaOf(a.qa),
  }));
  return (
    <ItemReview
      runId={detail.run.id}
      gate="assets"
      items={items}
      decided={decidedSince(detail, 'assets', since)}
      canReview={canReview}
      allowRegenerate={live.attempt < live.maxAttempts}
    />
  );
}
