import { BarChart3Icon, Building2Icon, UsersIcon } from 'lucide-react';
import { useState } from 'react';
import { BudgetMeter } from '@/components/charts/budget-meter';
import {
  fillDays,
  formatMetric,
  formatUsd,
  UsageChart,
  type UsageMetric,
  usageValue,
} from '@/components/charts/usage-chart';
import { PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { useAuthUi } from '@/lib/auth-ui';
import { useMe } from '@/lib/me';
import { trpc } from '@/lib/trpc';

const RANGES = [7, 30, 90] as const;
const ROLE_LABEL: Record<string, string> = { admin: 'Admin', operator: 'Operator', member: 'Member' };

/** The first day of an N-day range ending today, as `YYYY-MM-DD` (UTC, as the API groups days). */
export function rangeStart(days: number, now = new Date()): string {
  return new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md border p-4">
      <p className="text-xs text-muted-foreground">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
    </div>
  );
}

export function UsageCard() {
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const [metric, setMetric] = useState<UsageMetric>('costUsd');
  const now = new Date();
  const input = { groupBy: 'day' as const, from: rangeStart(days, now), to: now.toISOString().slice(0, 10) };
  const usage = trpc.llm.usage.useQuery(input);
  const me = useMe();
  const t = usage.data?.totals;
  const series = usage.data ? fillDays(usage.data.rows, usage.data.from, usage.data.to) : [];
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3 space-y-0">
        <div className="grid gap-1">
          <CardTitle className="flex items-center gap-2">
            <BarChart3Icon aria-hidden className="size-4" /> LLM usage
          </CardTitle>
          <CardDescription>
            This month’s spend against your budget, and the calls, tokens and cost of every model call.
          </CardDescription>
        </div>
        <div className="flex gap-2">
          <NativeSelect
            aria-label="Chart metric"
            className="w-32"
            value={metric}
            onChange={(e) => setMetric(e.target.value as UsageMetric)}
          >
            <option value="costUsd">Cost</option>
            <option value="calls">Calls</option>
            <option value="tokens">Tokens</option>
          </NativeSelect>
          <NativeSelect
            aria-label="Range"
            className="w-36"
            value={String(days)}
            onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}
          >
            {RANGES.map((r) => (
              <option key={r} value={r}>
                Last {r} days
              </option>
            ))}
          </NativeSelect>
        </div>
      </CardHeader>
      <CardContent className="grid gap-4">
        {usage.isPending ? (
          <Skeleton className="h-56" />
        ) : usage.isError ? (
          <p className="text-sm text-destructive">{usage.error.message}</p>
        ) : (
          <>
            <BudgetMeter budget={usage.data.budget} canEdit={me.data?.role === 'admin'} />
            <section className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="Usage totals">
              <Stat label="Calls" value={(t?.calls ?? 0).toLocaleString()} />
              <Stat
                label="Tokens"
                value={((t?.inputTokens ?? 0) + (t?.outputTokens ?? 0)).toLocaleString()}
              />
              <Stat label="Cost" value={formatUsd(t?.costUsd ?? 0)} />
              <Stat label="Errors" value={(t?.errors ?? 0).toLocaleString()} />
            </section>
            {t && t.calls === 0 ? (
              <p className="text-sm text-muted-foreground">No model calls in this range.</p>
            ) : null}
            <UsageChart days={series} metric={metric} />
            <p className="text-xs text-muted-foreground">
              Peak day: {formatMetric(Math.max(0, ...series.map((d) => usageValue(d, metric))), metric)}
              {t?.avgLatencyMs != null ? ` · average latency ${t.avgLatencyMs.toLocaleString()} ms` : ''}
            </p>
          </>
        )}
      </CardContent>
    </Card>
  );
}

export default function SettingsPage() {
  const me = useMe();
  const authUi = useAuthUi();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your organization, its members and what MOS spends on models."
      />
      <div className="grid gap-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <Building2Icon aria-hidden className="size-4" /> Organization
              </CardTitle>
            </CardHeader>
            <CardContent>
              {me.isPending ? (
                <Skeleton className="h-24" />
              ) : me.isError ? (
                <p className="text-sm text-destructive">{me.error.message}</p>
              ) : (
                <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
                  <dt className="text-muted-foreground">Name</dt>
                  <dd className="font-medium">{me.data.org.name}</dd>
                  <dt className="text-muted-foreground">External id</dt>
                  <dd className="font-mono text-xs break-all">{me.data.org.externalId}</dd>
                  <dt className="text-muted-foreground">Your role</dt>
                  <dd>
                    <Badge variant="secondary">{ROLE_LABEL[me.data.role] ?? me.data.role}</Badge>
                  </dd>
                </dl>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <UsersIcon aria-hidden className="size-4" /> Members
              </CardTitle>
              <CardDescription>
                Members and roles are managed in Clerk, the identity provider; changes there apply here on the
                next sign-in.
              </CardDescription>
            </CardHeader>
            <CardContent>
              {authUi?.Members ? (
                <authUi.Members />
              ) : me.data ? (
                <ul className="divide-y rounded-md border" aria-label="Members">
                  <li className="flex items-center justify-between gap-3 p-3 text-sm">
                    <span className="truncate">
                      {me.data.email ?? me.data.clerkUserId}{' '}
                      <span className="text-muted-foreground">(you)</span>
                    </span>
                    <Badge variant="secondary">{ROLE_LABEL[me.data.role] ?? me.data.role}</Badge>
                  </li>
                </ul>
              ) : (
                <EmptyState icon={UsersIcon} title="Loading members" className="py-6" />
              )}
            </CardContent>
          </Card>
        </div>
        <UsageCard />
      </div>
    </>
  );
}
