import { artifactSchemas, type Gate, type WorkflowStatusSnapshot } from '@mos/db/contracts';
import { CheckIcon, LoaderIcon, PencilIcon, XIcon } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { DocumentView } from '@/components/artifacts/document-view';
import { SchemaForm } from '@/components/schema-form/schema-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { fieldIssuesOf } from '@/lib/errors';
import { humanize } from '@/lib/format';
import type { RunArtifact } from './live-snapshot';
import { RejectForm } from './reject-form';
import { type Decision, issuesUnder, useReview } from './use-review';

type Mode = 'view' | 'edit' | 'reject';

const SOURCE_LABEL: Record<RunArtifact['source'], string> = {
  ai: 'Written by AI',
  human: 'Edited by a person',
  import: 'Imported',
};

/** A gate that decides on one document: read it, then approve, edit & approve, or reject with feedback. */
export function DocumentReview({
  runId,
  draftKey,
  gate,
  artifact,
  live,
  canReview,
}: {
  runId: string;
  draftKey: string | null;
  gate: Gate;
  artifact: RunArtifact;
  live: WorkflowStatusSnapshot;
  canReview: boolean;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const review = useReview(runId, draftKey);
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
  const decide = (input: Decision) =>
    review.decide(input, {
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
          onSubmit={(edited) => decide({ gate, decision: 'edit', edited })}
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
        <DocumentView type={artifact.type} data={artifact.data} />
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
          onSubmit={(feedback) => decide({ gate, decision: 'reject', feedback })}
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
            disabled={!canReview || !review.canDecide || review.isPending || outOfDrafts}
            title={outOfDrafts ? 'No drafts left to regenerate' : undefined}
            onClick={() => setMode('reject')}
          >
            <XIcon aria-hidden />
            Reject with feedback
          </Button>
          <Button
            variant="outline"
            disabled={!canReview || !review.canDecide || review.isPending}
            onClick={() => setMode('edit')}
          >
            <PencilIcon aria-hidden />
            Edit & approve
          </Button>
          <Button
            disabled={!canReview || !review.canDecide || review.isPending}
            onClick={() => decide({ gate, decision: 'approve' })}
          >
            <CheckIcon aria-hidden />
            {review.isPending && review.variables?.decision === 'approve' ? 'Approving…' : 'Approve'}
          </Button>
        </div>
      )}
    </section>
  );
}
