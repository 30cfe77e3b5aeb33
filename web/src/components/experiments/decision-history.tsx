import { ArrowRightIcon, GavelIcon } from 'lucide-react';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatDate, formatRelative, humanize } from '@/lib/format';
import { reasonText } from './format';
import { type ArmLabels, armName } from './plan-card';
import type { DecisionItem } from './types';

const STATUS_VARIANT: Record<string, 'warning' | 'default' | 'destructive' | 'success'> = {
  proposed: 'warning',
  approved: 'default',
  rejected: 'destructive',
  applied: 'success',
};

const ACTION_TEXT: Record<string, string> = { ship: 'Ship', stop: 'Stop', continue: 'Continue' };

/**
 * Where the decision's approval is (or waits): the cycle run's page, which the inbox item opens; without the run's
 * id a waiting proposal is found from the inbox itself.
 */
const approvalHref = (d: DecisionItem) => (d.workflowRunId ? `/runs/${d.workflowRunId}` : '/inbox');

/**
 * Every decision the cycle proposed, newest first: the rule's numbers-based reason and the LLM's rationale, what a
 * person decided at the gate (and their feedback), and what applying it changed, with the values before.
 */
export function DecisionHistory({ items, labels }: { items: readonly DecisionItem[]; labels: ArmLabels }) {
  if (items.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        No decision proposed yet. When the rule says ship or stop, the cycle writes a proposal with its
        rationale and waits for an approval in the inbox.
      </p>
    );
  }
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ol className="grid gap-4" aria-label="Decision history">
      {sorted.map((d) => (
        <li key={d.id} className="grid gap-2 rounded-md border p-4" data-decision={d.id}>
          <div className="flex flex-wrap items-center gap-2">
            <GavelIcon className="size-4 text-muted-foreground" aria-hidden />
            <span className="font-medium">
              {ACTION_TEXT[d.action] ?? d.action}
              {d.winningArmId ? ` ${armName(labels, d.winningArmId)}` : ''}
            </span>
            <Badge variant={STATUS_VARIANT[d.status] ?? 'secondary'}>{d.status}</Badge>
            <span className="text-sm text-muted-foreground">
              phase {d.phase} · proposed {formatRelative(d.createdAt)}
            </span>
            {d.status === 'proposed' ? (
              <Button asChild size="sm" className="ml-auto">
                <Link to={approvalHref(d)}>
                  Review in inbox <ArrowRightIcon aria-hidden />
                </Link>
              </Button>
            ) : d.workflowRunId ? (
              <Button asChild size="sm" variant="outline" className="ml-auto">
                <Link to={approvalHref(d)}>
                  Open approval <ArrowRightIcon aria-hidden />
                </Link>
              </Button>
            ) : null}
          </div>
          <p className="text-sm text-muted-foreground">{reasonText(d.reason)}</p>
          <p className="text-sm whitespace-pre-line">{d.rationale}</p>
          {d.decidedAt ? (
            <p className="text-sm">
              {d.status === 'rejected' ? 'Rejected' : 'Approved'} by {d.decidedBy?.name ?? 'a former member'}{' '}
              on {formatDate(d.decidedAt)}
              {d.feedback ? (
                <>
                  : <q className="italic">{d.feedback}</q>
                </>
              ) : null}
            </p>
          ) : null}
          {d.applied && (d.applied.variantWeights.length > 0 || d.applied.assetStatuses.length > 0) ? (
            <div className="grid gap-1 text-sm">
              <span className="text-xs text-muted-foreground">
                Applied {d.appliedAt ? formatDate(d.appliedAt) : ''}
              </span>
              <ul className="grid gap-0.5">
                {d.applied.variantWeights.map((w) => (
                  <li key={`w:${w.variantId}`}>
                    {armName(labels, w.armId)}: traffic weight {w.from} → {w.to}
                  </li>
                ))}
                {d.applied.assetStatuses.map((s) => (
                  <li key={`a:${s.assetId}`}>
                    {armName(labels, s.armId)}: asset {humanize(s.from).toLowerCase()} →{' '}
                    {humanize(s.to).toLowerCase()}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {d.reportArtifactId ? (
            <p className="text-xs text-muted-foreground">Experiment report written for this decision.</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
