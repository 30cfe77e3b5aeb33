import { CheckIcon, XIcon } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { fieldIssuesOf } from '@/lib/errors';
import type { RunDetail } from './live-snapshot';
import { RejectForm } from './reject-form';
import { useReview } from './use-review';

/** The experiment a cycle run reads (its input names it); null when the run's input does not say. */
export function cycleExperimentId(detail: RunDetail): string | null {
  const input = detail.run.input as { experimentId?: unknown } | null;
  return typeof input?.experimentId === 'string' ? input.experimentId : null;
}

/**
 * ExperimentCycle's `experiment_decision` gate: the proposal (ship or stop, its numbers and rationale) is on the
 * experiment's page; here a person approves it, which applies it, or rejects it with feedback, which keeps the
 * cycle reading. There is nothing to edit.
 */
export function DecisionReview({
  detail,
  draftKey,
  canReview,
}: {
  detail: RunDetail;
  draftKey: string | null;
  canReview: boolean;
}) {
  const [rejecting, setRejecting] = useState(false);
  const review = useReview(detail.run.id, draftKey);
  const experimentId = cycleExperimentId(detail);
  const feedbackError = fieldIssuesOf(review.error).find((i) => i.path[0] === 'feedback')?.message;
  return (
    <section aria-label="Experiment decision" className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        Approving applies the decision: funnel variant weights and ad statuses change, the report is written
        and the experiment completes. Rejecting keeps the cycle reading; it proposes again when new data comes
        in.
        {experimentId ? (
          <>
            {' '}
            <Link className="font-medium text-primary underline" to={`/experiments/${experimentId}`}>
              See the proposal with its numbers
            </Link>
            .
          </>
        ) : null}
      </p>
      {canReview && rejecting ? (
        <RejectForm
          submitting={review.isPending}
          serverError={feedbackError}
          submitLabel="Reject and keep reading"
          label="Why not now?"
          hint="The next proposal's rationale is written with your words."
          placeholder="e.g. Wait for a full weekend of traffic; Saturday buyers behave differently."
          onCancel={() => setRejecting(false)}
          onSubmit={(feedback) =>
            review.decide({ gate: 'experiment_decision', decision: 'reject', feedback })
          }
        />
      ) : null}
      {canReview && !rejecting ? (
        <div className="flex flex-wrap gap-2">
          <Button
            disabled={review.isPending || !review.canDecide}
            onClick={() => review.decide({ gate: 'experiment_decision', decision: 'approve' })}
          >
            <CheckIcon aria-hidden /> Approve and apply
          </Button>
          <Button variant="outline" disabled={review.isPending} onClick={() => setRejecting(true)}>
            <XIcon aria-hidden /> Reject…
          </Button>
        </div>
      ) : null}
    </section>
  );
}
