import { BarChart3Icon } from 'lucide-react';
import { useState } from 'react';
import { useExperimentArms } from '@/components/funnels/experiment-arms';
import { ResultsChart, ResultsTable } from '@/components/funnels/results-chart';
import type { VariantResult } from '@/components/funnels/types';
import { NewVariantDialog, VariantsPanel } from '@/components/funnels/variants-panel';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { errorMessage } from '@/lib/errors';
import { type RouterOutputs, trpc } from '@/lib/trpc';
import { editHref, type FunnelDetail } from './shared';

const WINDOWS = [
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
] as const;

/** The window's bounds, rounded to the minute so the query key stays stable while the tab is open. */
function windowOf(days: number) {
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
}

/** The API's rows as the chart reads them: one label per page or variant, conversion 0 without views. */
function resultRows(rows: RouterOutputs['funnels']['results']['rows']): VariantResult[] {
  return rows.map((r) => ({
    pageId: r.pageId,
    variantId: r.variantId,
    label: r.variantName ? `${r.pageName} · ${r.variantName}` : r.pageName,
    views: r.views,
    clicks: r.clicks,
    leads: r.leads,
    conversion: r.conversionRate ?? 0,
  }));
}

export function VariantsTab({ detail, canEdit }: { detail: FunnelDetail; canEdit: boolean }) {
  const { funnel } = detail;
  const utils = trpc.useUtils();
  const [days, setDays] = useState('30');
  const [range] = useState(() => new Map<string, { from: string; to: string }>());
  const win = range.get(days) ?? windowOf(Number(days));
  range.set(days, win);
  const arms = useExperimentArms(funnel.clientId, funnel.campaignId);
  const results = trpc.funnels.results.useQuery({ funnelId: funnel.id, ...win }, { meta: { silent: true } });
  const onError = (err: unknown) => toast.error(errorMessage(err));
  const refresh = () => utils.funnels.get.invalidate({ id: funnel.id });
  const create = trpc.funnels.createVariant.useMutation({
    meta: { silent: true },
    onSuccess: async () => {
      toast.success('Variant created');
      await refresh();
    },
    onError,
  });
  const update = trpc.funnels.updateVariant.useMutation({
    meta: { silent: true },
    onSuccess: refresh,
    onError,
  });
  const pages = [...detail.pages].sort((a, b) => a.ordering - b.ordering);

  return (
    <div className="grid gap-6">
      <section className="grid gap-3">
        <div className="flex items-center justify-between gap-3">
          <h3 className="text-base font-semibold">Variants</h3>
          {canEdit ? (
            <NewVariantDialog
              pages={pages}
              arms={arms.data ?? []}
              pending={create.isPending}
              onCreate={(v) => create.mutateAsync(v)}
            />
          ) : null}
        </div>
        {
          <VariantsPanel
            pages={pages}
            variants={pages.flatMap((p) => p.variants)}
            arms={arms.data ?? []}
            canEdit={canEdit}
            busy={update.isPending}
            editHref={(pageId, variantId) => editHref(funnel.id)(pageId, variantId)}
            onWeight={(variantId, weight) => update.mutate({ variantId, weight })}
          />
        }
      </section>
      <section className="grid gap-3">
        <div className="flex items-center justify-between gap-3">
          <h3 className="text-base font-semibold">Results per variant</h3>
          <NativeSelect
            aria-label="Results window"
            className="w-44"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          >
            {WINDOWS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </NativeSelect>
        </div>
        {results.isPending ? (
          <Skeleton className="h-48 w-full" />
        ) : results.isError ? (
          <EmptyState
            icon={BarChart3Icon}
            title="Results could not be loaded"
            description={results.error.message}
          />
        ) : results.data.rows.length === 0 || results.data.rows.every((r) => r.views === 0) ? (
          <EmptyState
            icon={BarChart3Icon}
            title="No visits in this window"
            description="Views, clicks and leads per variant show here once the published pages get traffic."
          />
        ) : (
          <Card className="grid gap-4 p-5">
            <ResultsChart results={resultRows(results.data.rows)} />
            <ResultsTable results={resultRows(results.data.rows)} />
          </Card>
        )}
      </section>
    </div>
  );
}
