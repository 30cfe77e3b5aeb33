import { GATE_ARTIFACT_TYPES, type WorkflowStatusSnapshot } from '@mos/db/contracts';
import { AlertTriangleIcon, ClipboardCheckIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/utils';
import { AssetReview } from './asset-review';
import { DecisionReview } from './decision-review';
import { DocumentReview } from './document-review';
import { GATE_COPY } from './gate-copy';
import { decidedSince, experimentItems, ItemReview } from './item-review';
import { isGate, type RunDetail, reviewDraftKey } from './live-snapshot';
import { StepFailedReview } from './step-failed-review';

export { liveSnapshot, type RunDetail } from './live-snapshot';

export interface ReviewPanelProps {
  detail: RunDetail;
  live: WorkflowStatusSnapshot;
  /** Operators and admins decide at gates; members see the draft read-only. */
  canReview: boolean;
  /** The run's stop control, offered where stopping is one of the ways on (a failed step). */
  stop?: ReactNode;
}

/** The decision a run waits on: the draft, and approve / edit & approve / reject, per-item decisions, or a failed step. */
export function ReviewPanel({ detail, live, canReview, stop }: ReviewPanelProps) {
  const gate = live.waitingFor;
  if (!isGate(gate)) return null;
  const copy = GATE_COPY[gate];
  const type = GATE_ARTIFACT_TYPES[gate];
  const runId = detail.run.id;
  const draftKey = reviewDraftKey(detail, live);
  const drafts = detail.artifacts.filter((a) => live.draftArtifactIds.includes(a.id));
  const document = type ? drafts.find((a) => a.type === type) : undefined;
  const failed = gate === 'step_failed';

  return (
    <Card
      className={cn('overflow-hidden shadow-md', failed ? 'border-destructive/40' : 'border-warning/50')}
      aria-labelledby="review-title"
    >
      <div className={cn('h-1', failed ? 'bg-destructive' : 'bg-warning')} aria-hidden />
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <div
              className={cn(
                'flex size-9 shrink-0 items-center justify-center rounded-full',
                failed ? 'bg-destructive/10 text-destructive' : 'bg-warning/15 text-[oklch(0.5_0.12_60)]',
              )}
            >
              {failed ? (
                <AlertTriangleIcon className="size-5" aria-hidden />
              ) : (
                <ClipboardCheckIcon className="size-5" aria-hidden />
              )}
            </div>
            <div>
              <CardTitle id="review-title">{failed ? copy.title : `Review: ${copy.title}`}</CardTitle>
              <CardDescription>{copy.description}</CardDescription>
            </div>
          </div>
          {failed || gate === 'experiment_decision' ? null : (
            <Badge variant={live.attempt >= live.maxAttempts ? 'warning' : 'secondary'}>
              Draft {live.attempt} of {live.maxAttempts}
            </Badge>
          )}
        </div>
        {live.lastError && !failed ? (
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
        {canReview && !draftKey ? (
          <p role="status" className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
            The workflow has not named this draft yet; decisions open as soon as it does.
          </p>
        ) : null}
        {!canReview ? (
          <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
            You can read this {failed ? 'step' : 'draft'}. Decisions at gates need the operator or admin role.
          </p>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-6">
        {failed ? (
          live.stepFailure ? (
            <StepFailedReview
              runId={runId}
              draftKey={draftKey}
              failure={live.stepFailure}
              scope={{
                orgId: detail.run.orgId,
                clientId: detail.run.clientId,
                campaignId: detail.run.campaignId,
              }}
              canReview={canReview}
              stop={stop}
            />
          ) : (
            <p className="text-sm text-muted-foreground">
              {live.lastError ?? 'The step’s details are not available yet.'}
            </p>
          )
        ) : null}
        {type ? (
          document ? (
            <DocumentReview
              key={document.id}
              runId={runId}
              draftKey={draftKey}
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
            runId={runId}
            draftKey={draftKey}
            gate={gate}
            canReview={canReview}
            decided={decidedSince(detail, gate, document.createdAt)}
            items={experimentItems(document.data)}
          />
        ) : null}
        {gate === 'assets' ? (
          <AssetReview detail={detail} draftKey={draftKey} live={live} canReview={canReview} />
        ) : null}
        {gate === 'experiment_decision' ? (
          <DecisionReview detail={detail} draftKey={draftKey} canReview={canReview} />
        ) : null}
      </CardContent>
    </Card>
  );
}
