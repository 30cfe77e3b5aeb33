import {
  type ArtifactType,
  artifactSchemas,
  type StepFailure,
  withStepEditSystemFields,
} from '@mos/db/contracts';
import { AlertTriangleIcon, LoaderIcon, PencilIcon, RotateCcwIcon } from 'lucide-react';
import { type ReactNode, useMemo, useState } from 'react';
import { describe, emptyValue } from '@/components/schema-form/describe';
import { SchemaForm } from '@/components/schema-form/schema-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatRelative, humanize } from '@/lib/format';
import { stepLabel } from '@/routes/runs/timeline';
import { ArtifactView } from './artifact-view';
import { RejectForm } from './reject-form';
import { issuesUnder, useReview } from './use-review';

const KIND_COPY: Record<StepFailure['kind'], (attempts: number) => string> = {
  invalid_output: (n) =>
    `The model answered ${n} time${n === 1 ? '' : 's'}, and no answer passed the document’s checks.`,
  provider: () => 'The LLM provider refused the request, so the step could not run.',
  budget: () => 'Your organization’s monthly LLM budget is used up, so the step was not run.',
};

const PROBLEMS_TITLE: Record<StepFailure['kind'], string> = {
  invalid_output: 'Problems with the last answer',
  provider: 'What the provider said',
  budget: 'Budget',
};

/** A JSON text answer, parsed when it parses; anything else as it came. */
function parsedAnswer(answer: unknown): unknown {
  if (typeof answer !== 'string') return answer;
  try {
    return JSON.parse(answer) as unknown;
  } catch {
    return answer;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The editor's starting value: the last answer when it parses loosely under the artifact schema (an object that
 * has at least one of the schema's fields: those fields are kept, the rest start empty), otherwise an empty document.
 * The form then shows every remaining problem at its field.
 */
export function editStart(
  type: ArtifactType,
  answer: unknown,
  scope: StepScope,
): { value: unknown; fromAnswer: boolean } {
  const schema = artifactSchemas[type];
  const empty = emptyValue(schema);
  const node = describe(schema);
  const parsed = parsedAnswer(answer);
  // The fields code owns (client, campaign, a research step's key and provenance) are filled as the worker fills
  // them, so the form is about what a person can know; the worker sets them again when it saves.
  const owned = (doc: unknown) =>
    withStepEditSystemFields(type, doc, { ...scope, promptSha256: '0'.repeat(64) });
  if (node.kind !== 'object' || !isRecord(parsed) || !isRecord(empty))
    return { value: owned(empty), fromAnswer: false };
  const known = Object.keys(node.shape).filter((k) => Object.hasOwn(parsed, k));
  if (known.length === 0) return { value: owned(empty), fromAnswer: false };
  return {
    value: owned({ ...empty, ...Object.fromEntries(known.map((k) => [k, parsed[k]])) }),
    fromAnswer: true,
  };
}

/** What the run knows that a failed step's document carries: its org, client and campaign. */
export interface StepScope {
  orgId: string;
  clientId: string | null;
  campaignId: string | null;
  step: string;
}

function LastAnswer({ answer }: { answer: unknown }) {
  const parsed = parsedAnswer(answer);
  if (parsed === null || parsed === undefined || parsed === '')
    return <p className="text-sm text-muted-foreground">No answer came back.</p>;
  return (
    <section
      className="max-h-[28rem] overflow-auto rounded-lg border bg-background p-4"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
      tabIndex={0}
      aria-label="Last answer"
    >
      {isRecord(parsed) || Array.isArray(parsed) ? (
        <ArtifactView data={parsed} />
      ) : (
        <pre className="font-mono text-xs whitespace-pre-wrap break-words">{String(parsed)}</pre>
      )}
    </section>
  );
}

type Mode = 'view' | 'retry' | 'edit';

/**
 * The `step_failed` gate: which step, the model's last answer (readable), its problems or the provider's / budget
 * message, and the three ways on: Retry (optional feedback), Edit (write the step's document in its schema editor),
 * Stop (the run's stop button, passed in by the page).
 */
export function StepFailedReview({
  runId,
  draftKey,
  failure,
  scope,
  canReview,
  stop,
}: {
  runId: string;
  draftKey: string | null;
  failure: StepFailure;
  scope: Omit<StepScope, 'step'>;
  canReview: boolean;
  stop: ReactNode;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const review = useReview(runId, draftKey);
  const editIssues = useMemo(() => issuesUnder(review.error, 'edited'), [review.error]);
  const start = useMemo(
    () =>
      failure.artifactType
        ? editStart(failure.artifactType, failure.lastAnswer, {
            orgId: scope.orgId,
            clientId: scope.clientId,
            campaignId: scope.campaignId,
            step: failure.step,
          })
        : null,
    [failure.artifactType, failure.lastAnswer, failure.step, scope.orgId, scope.clientId, scope.campaignId],
  );
  const [sent, setSent] = useState(false);
  const disabled = !canReview || !review.canDecide || review.isPending;
  const gate = 'step_failed';

  if (mode === 'edit' && failure.artifactType && start) {
    return (
      <section aria-label="Write the document" className="grid gap-3">
        {failure.problems.length > 0 ? (
          <div className="rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm">
            <p className="font-medium">What was wrong with the model’s answer</p>
            <ul className="mt-1 grid gap-0.5 pl-5">
              {failure.problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems are plain strings that may repeat
                <li key={i} className="list-disc break-words">
                  {p}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <p className="text-sm text-muted-foreground">
          Your document replaces the step’s output and the run goes on from there. Every field is checked
          against what a {humanize(failure.artifactType).toLowerCase()} must hold.
          {start.fromAnswer ? ' The fields the last answer had are filled in from it.' : ''}
        </p>
        <SchemaForm
          schema={artifactSchemas[failure.artifactType]}
          initialValue={start.value}
          lockedKeys={['clientId', 'campaignId']}
          serverIssues={editIssues}
          submitting={review.isPending}
          submitLabel="Save document & continue"
          onCancel={() => {
            review.reset();
            setMode('view');
          }}
          onSubmit={(edited) =>
            review.decide({ gate, decision: 'edit', edited }, { onSuccess: () => setSent(true) })
          }
        />
      </section>
    );
  }

  return (
    <section aria-label="Failed step" className="grid gap-4">
      <dl className="grid gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-muted-foreground">Step</dt>
          <dd className="mt-0.5 font-medium">{stepLabel(failure.step)}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Document</dt>
          <dd className="mt-0.5 font-medium">
            {failure.artifactType ? humanize(failure.artifactType) : '—'}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Stopped</dt>
          <dd className="mt-0.5">
            {formatRelative(failure.at)} · {failure.attempts} attempt{failure.attempts === 1 ? '' : 's'}
          </dd>
        </div>
      </dl>
      <p className="text-sm">{KIND_COPY[failure.kind](failure.attempts)}</p>

      <div
        role="alert"
        className="grid gap-2 rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm"
      >
        <p className="flex items-center gap-2 font-medium text-[oklch(0.48_0.19_27)]">
          <AlertTriangleIcon className="size-4 shrink-0" aria-hidden />
          {PROBLEMS_TITLE[failure.kind]}
        </p>
        {failure.problems.length > 0 ? (
          <ul className="grid gap-1 pl-6" aria-label={PROBLEMS_TITLE[failure.kind]}>
            {failure.problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems are plain strings that may repeat
              <li key={i} className="list-disc break-words">
                {p}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted-foreground">No details were recorded.</p>
        )}
      </div>

      {failure.kind === 'invalid_output' || failure.lastAnswer !== null ? (
        <div className="grid gap-2">
          <h4 className="text-sm font-semibold">The model’s last answer</h4>
          <LastAnswer answer={failure.lastAnswer} />
        </div>
      ) : null}

      {sent ? (
        <p role="status" className="flex items-center justify-end gap-2 text-sm text-muted-foreground">
          <LoaderIcon className="size-4 animate-spin motion-reduce:animate-none" aria-hidden />
          Decision sent. Waiting for the workflow to continue…
        </p>
      ) : mode === 'retry' ? (
        <RejectForm
          optional
          label="Anything the next attempt should know? (optional)"
          hint={
            failure.kind === 'provider'
              ? 'Fix what the provider complained about first (for example the API key), then retry.'
              : 'Leave it empty to simply run the step again.'
          }
          placeholder="e.g. Keep every metric id in lower case and list it under events."
          submitLabel="Retry step"
          submitting={review.isPending}
          onCancel={() => setMode('view')}
          onSubmit={(feedback) =>
            review.decide(
              { gate, decision: 'retry', ...(feedback ? { feedback } : {}) },
              { onSuccess: () => setSent(true) },
            )
          }
        />
      ) : (
        <div className="flex flex-wrap items-center justify-end gap-2">
          {stop}
          {failure.artifactType ? (
            <Button variant="outline" disabled={disabled} onClick={() => setMode('edit')}>
              <PencilIcon aria-hidden />
              Edit the document
            </Button>
          ) : null}
          <Button disabled={disabled} onClick={() => setMode('retry')}>
            <RotateCcwIcon aria-hidden />
            Retry step
          </Button>
        </div>
      )}
      {!canReview ? null : review.conflict ? (
        <Badge variant="warning" className="justify-self-end">
          The run moved on; showing its latest state.
        </Badge>
      ) : null}
    </section>
  );
}
