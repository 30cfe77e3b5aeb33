import type { Gate } from '@mos/db/contracts';
import { CheckIcon, ShieldAlertIcon, ShieldCheckIcon, XIcon } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import type { RunDetail } from './live-snapshot';
import { RejectForm } from './reject-form';
import { useReview } from './use-review';

export interface ReviewItem {
  id: string;
  title: string;
  subtitle?: string | undefined;
  body?: ReactNode;
  /** Whether the id line is left out (assets: a uuid, where the subtitle already says which one). */
  hideId?: boolean | undefined;
  /** QA outcome, for assets; `policyFindings`: ad-policy findings shown in the body, counted in the summary. */
  qa?: {
    passed: boolean;
    issues: { severity: string; kind: string; message: string }[];
    policyFindings?: number | undefined;
  } | null;
  /** Why the item cannot be approved yet (e.g. compliance findings not read); null or absent: it can. */
  approvalLocked?: string | null | undefined;
}

type Decision = 'approved' | 'rejected';

/** Items already decided at this gate since the current draft was written (the gate waits until all are). */
export function decidedSince(detail: RunDetail, gate: Gate, since: string | null): Map<string, Decision> {
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

export function experimentItems(data: unknown): ReviewItem[] {
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

export function ItemReview({
  runId,
  draftKey,
  gate,
  items,
  decided,
  canReview,
  allowRegenerate = false,
}: {
  runId: string;
  draftKey: string | null;
  gate: Gate;
  items: ReviewItem[];
  decided: Map<string, Decision>;
  canReview: boolean;
  /** Whether "reject everything and regenerate" is offered (nothing decided yet). */
  allowRegenerate?: boolean;
}) {
  const [choices, setChoices] = useState<Record<string, Decision | undefined>>({});
  const [rejecting, setRejecting] = useState<'items' | 'all' | null>(null);
  const review = useReview(runId, draftKey);
  const open = items.filter((i) => !decided.has(i.id));
  const approvedIds = open.filter((i) => choices[i.id] === 'approved' && !i.approvalLocked).map((i) => i.id);
  const rejectedIds = open.filter((i) => choices[i.id] === 'rejected').map((i) => i.id);
  const chosen = approvedIds.length + rejectedIds.length;
  const locked = open.filter((i) => i.approvalLocked && choices[i.id] !== 'rejected').length;
  const set = (id: string, d: Decision) => setChoices((c) => ({ ...c, [id]: c[id] === d ? undefined : d }));
  // "Approve all" leaves locked items open: each needs its own look first.
  const setAll = (d: Decision) =>
    setChoices(
      Object.fromEntries(open.filter((i) => d === 'rejected' || !i.approvalLocked).map((i) => [i.id, d])),
    );

  // Approving names its ids explicitly (an approve without ids would approve everything still open); a decision
  // that only rejects is a `reject` and therefore carries feedback.
  const submit = (feedback?: string) => {
    if (approvedIds.length > 0) {
      review.decide(
        { gate, decision: 'approve', approvedIds, rejectedIds, ...(feedback ? { feedback } : {}) },
        { onSuccess: () => setChoices({}) },
      );
    } else if (feedback) {
      review.decide(
        { gate, decision: 'reject', approvedIds: [], rejectedIds, feedback },
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
                    {item.hideId ? null : <span className="font-mono">{item.id}</span>}
                    {item.subtitle ? `${item.hideId ? '' : ' · '}${item.subtitle}` : ''}
                  </p>
                </div>
                {done ? (
                  <Badge variant={done === 'approved' ? 'success' : 'destructive'}>{done}</Badge>
                ) : (
                  <fieldset
                    className="m-0 grid justify-items-end gap-1 border-0 p-0"
                    aria-label={`Decision for ${item.title}`}
                  >
                    <div className="flex gap-1">
                      <Button
                        size="sm"
                        variant={choice === 'approved' ? 'default' : 'outline'}
                        aria-pressed={choice === 'approved'}
                        disabled={!canReview || Boolean(item.approvalLocked)}
                        aria-describedby={item.approvalLocked ? `locked-${item.id}` : undefined}
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
                    </div>
                    {item.approvalLocked && canReview ? (
                      <p id={`locked-${item.id}`} className="max-w-64 text-right text-xs text-destructive">
                        {item.approvalLocked}
                      </p>
                    ) : null}
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
              ? review.decide({ gate, decision: 'reject', feedback }, { onSuccess: () => setRejecting(null) })
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
            {locked > 0 ? ` · ${locked} waiting for the compliance confirmation` : ''}
          </span>
          <Button
            disabled={!canReview || !review.canDecide || chosen === 0 || review.isPending}
            onClick={() => (approvedIds.length > 0 ? submit() : setRejecting('items'))}
          >
            {review.isPending ? 'Submitting…' : 'Submit decisions'}
          </Button>
        </div>
      )}
    </section>
  );
}

export function QaSummary({ qa }: { qa: NonNullable<ReviewItem['qa']> }) {
  return (
    <div className="grid gap-1 text-xs">
      <span
        className={cn(
          'inline-flex items-center gap-1 font-medium',
          // Darker than --success, as in the success badge: the brand green at text-xs fails WCAG AA on white.
          qa.passed ? 'text-[oklch(0.45_0.11_160)]' : 'text-destructive',
        )}
      >
        {qa.passed ? (
          <ShieldCheckIcon className="size-3.5" aria-hidden />
        ) : (
          <ShieldAlertIcon className="size-3.5" aria-hidden />
        )}
        QA {qa.passed ? 'passed' : 'failed'}
        {qa.policyFindings
          ? ` · ${qa.policyFindings} ad-policy finding${qa.policyFindings === 1 ? '' : 's'} (above)`
          : ''}
        {qa.issues.length
          ? ` · ${qa.issues.length} ${qa.policyFindings ? 'other ' : ''}issue${qa.issues.length === 1 ? '' : 's'}`
          : ''}
      </span>
      {qa.issues.length ? (
        <ul className="grid gap-0.5 pl-5">
          {qa.issues.slice(0, 5).map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: QA issues have no id and never reorder
            <li key={n} className="list-disc text-muted-foreground">
              <span className="font-medium text-foreground">{humanize(i.severity)}</span> (
              {humanize(i.kind).toLowerCase()}): {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
