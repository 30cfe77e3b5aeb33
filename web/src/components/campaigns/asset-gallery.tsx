import { ASSET_STATUSES } from '@mos/db/contracts';
import { CheckCircle2Icon, ImageIcon, TriangleAlertIcon } from 'lucide-react';
import { useState } from 'react';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NativeSelect } from '@/components/ui/native-select';
import { toast } from '@/components/ui/sonner';
import { humanize } from '@/lib/format';
import { channelLabel, formatLabel, idLabel } from '@/lib/labels';
import { type RouterInputs, type RouterOutputs, trpc } from '@/lib/trpc';
import { AssetCopy, hasScenes } from './asset-copy';
import { CampaignStatusBadge } from './campaign-status';

export type Asset = RouterOutputs['assets']['list']['items'][number];
type AssetStatus = RouterInputs['assets']['setStatus']['status'];

interface QaIssue {
  kind?: string;
  severity: string;
  message: string;
  phrase?: string | null;
}

/** The asset's own QA result ({ passed, issues[] }), or null when QA has not run. */
export function qaOf(asset: { qa?: unknown }): { passed: boolean; issues: QaIssue[] } | null {
  const qa = asset.qa;
  if (!qa || typeof qa !== 'object') return null;
  const q = qa as { passed?: unknown; issues?: unknown };
  const issues = Array.isArray(q.issues)
    ? q.issues.filter(
        (i): i is QaIssue =>
          !!i && typeof i === 'object' && typeof i.message === 'string' && typeof i.severity === 'string',
      )
    : [];
  return { passed: q.passed === true, issues };
}

const SEVERITY: Record<string, BadgeProps['variant']> = {
  blocker: 'destructive',
  warning: 'warning',
  info: 'secondary',
};

/** Darker than --success: the brand green reads at 3.7:1 on white, below WCAG AA for body text (axe color-contrast). */
const QA_PASSED_TEXT = 'text-[oklch(0.45_0.11_160)]';

function textOf(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v;
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join('\n') || null;
  return null;
}

function AssetCard({
  asset,
  selected,
  onToggle,
  selectable,
}: {
  asset: Asset;
  selected: boolean;
  onToggle: () => void;
  selectable: boolean;
}) {
  const content = (asset.content ?? {}) as Record<string, unknown>;
  const qa = qaOf(asset);
  const label = textOf(content.headline) ?? `${channelLabel(asset.channelId)} · ${formatLabel(asset.format)}`;
  return (
    <Card
      className={`flex flex-col gap-3 p-4 ${selected ? 'ring-2 ring-primary' : ''} ${hasScenes(asset.content) ? 'md:col-span-2' : ''}`}
      aria-label={`Asset ${label}`}
      role="group"
    >
      <div className="flex items-start gap-3">
        {selectable ? (
          <input
            type="checkbox"
            className="mt-1 size-4 accent-[var(--color-primary)]"
            checked={selected}
            onChange={onToggle}
            aria-label={`Select ${label}`}
          />
        ) : null}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-1.5">
            <Badge variant="outline">{channelLabel(asset.channelId)}</Badge>
            <Badge variant="outline">{formatLabel(asset.format)}</Badge>
            {asset.variantId ? (
              <Badge variant="secondary" title="Experiment arm">{`Arm: ${idLabel(asset.variantId)}`}</Badge>
            ) : null}
          </div>
        </div>
        <CampaignStatusBadge status={asset.status} />
      </div>
      <AssetCopy content={asset.content} channel={asset.channelId} />
      <div className="mt-auto border-t pt-3 text-sm">
        {qa === null ? (
          <p className="text-muted-foreground">QA not run yet</p>
        ) : (
          <div className="grid gap-1.5">
            <p
              className={`flex items-center gap-1.5 font-medium ${qa.passed ? QA_PASSED_TEXT : 'text-destructive'}`}
            >
              {qa.passed ? (
                <CheckCircle2Icon aria-hidden className="size-4" />
              ) : (
                <TriangleAlertIcon aria-hidden className="size-4" />
              )}
              {qa.passed ? 'QA passed' : 'QA failed'}
              {qa.issues.length ? ` · ${qa.issues.length} issue${qa.issues.length === 1 ? '' : 's'}` : ''}
            </p>
            {qa.issues.length ? (
              <ul className="grid gap-1">
                {qa.issues.map((i, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id; order is the checker's
                  <li key={n} className="flex items-start gap-2">
                    <Badge variant={SEVERITY[i.severity] ?? 'secondary'}>{i.severity}</Badge>
                    <span>
                      {i.kind ? <span className="text-muted-foreground">{humanize(i.kind)}: </span> : null}
                      {i.message}
                      {i.phrase ? <span className="text-muted-foreground"> (“{i.phrase}”)</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
      </div>
    </Card>
  );
}

/** The campaign's assets with content and QA; operators select several and change their status at once. */
export function AssetGallery({ assets, canOperate }: { assets: Asset[]; canOperate: boolean }) {
  const utils = trpc.useUtils();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<AssetStatus>('approved');

  const setStatusMutation = trpc.assets.setStatus.useMutation({
    onSuccess: async (r, vars) => {
      toast.success(`${r.updated} asset${r.updated === 1 ? '' : 's'} set to ${humanize(vars.status)}`);
      setSelected(new Set());
      await utils.assets.list.invalidate();
    },
  });

  if (assets.length === 0) {
    return (
      <EmptyState
        icon={ImageIcon}
        title="No assets yet"
        description="Assets appear here once creative production has run for this campaign's briefs."
      />
    );
  }

  const visibleIds = assets.map((a) => a.id);
  const chosen = visibleIds.filter((id) => selected.has(id));
  const all = chosen.length === visibleIds.length;
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="grid gap-4">
      {canOperate ? (
        <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 rounded-md border bg-card/95 p-3 shadow-xs backdrop-blur">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={all}
              onChange={() => setSelected(all ? new Set() : new Set(visibleIds))}
            />
            Select all
          </label>
          <span className="text-sm text-muted-foreground" aria-live="polite">
            {chosen.length} selected
          </span>
          <div className="ml-auto flex items-center gap-2">
            <NativeSelect
              aria-label="New status"
              className="w-40"
              value={status}
              onChange={(e) => setStatus(e.target.value as AssetStatus)}
            >
              {ASSET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </NativeSelect>
            <Button
              size="sm"
              disabled={chosen.length === 0 || setStatusMutation.isPending}
              onClick={() => setStatusMutation.mutate({ ids: chosen, status })}
            >
              {setStatusMutation.isPending ? 'Updating…' : 'Set status'}
            </Button>
          </div>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Status changes need the operator or admin role.</p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {assets.map((a) => (
          <AssetCard
            key={a.id}
            asset={a}
            selectable={canOperate}
            selected={selected.has(a.id)}
            onToggle={() => toggle(a.id)}
          />
        ))}
      </div>
    </div>
  );
}
