import { DECISION_METRIC_INFO } from '@mos/db/contracts';
import { BookOpenIcon, FileBarChartIcon, RefreshCwIcon } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCanOperate } from '@/components/campaigns/campaign-actions';
import { ClientSelect } from '@/components/campaigns/client-select';
import { PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { formatDate, formatRelative, humanize } from '@/lib/format';
import { trpc } from '@/lib/trpc';

interface Evidence {
  reportArtifactId: string;
  experimentId: string;
  metric: string;
  armId: string;
  lift: number;
  ci: [number, number] | null;
}

interface Section {
  title: string;
  content: string;
  tags: string[];
  sourceReportIds: string[];
  /** The numbers of the cited reports (code's, not the model's); empty on playbooks from before issue 11. */
  evidence: Evidence[];
}

function evidenceOf(v: unknown): Evidence[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((e) => {
    if (!e || typeof e !== 'object') return [];
    const o = e as Record<string, unknown>;
    const ci =
      Array.isArray(o.ci) && o.ci.length === 2 && o.ci.every((x) => typeof x === 'number') ? o.ci : null;
    if (typeof o.lift !== 'number' || typeof o.armId !== 'string' || typeof o.metric !== 'string') return [];
    return [
      {
        reportArtifactId: typeof o.reportArtifactId === 'string' ? o.reportArtifactId : '',
        experimentId: typeof o.experimentId === 'string' ? o.experimentId : '',
        metric: o.metric,
        armId: o.armId,
        lift: o.lift,
        ci: ci as [number, number] | null,
      },
    ];
  });
}

const metricLabel = (m: string) =>
  Object.hasOwn(DECISION_METRIC_INFO, m)
    ? DECISION_METRIC_INFO[m as keyof typeof DECISION_METRIC_INFO].label
    : humanize(m);
const signedPercent = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x * 100).toFixed(1)} %`;

/** The sections of a stored Playbook document, read defensively (the API types it as unknown JSON). */
function sectionsOf(data: unknown): Section[] {
  const raw = data && typeof data === 'object' ? (data as { sections?: unknown }).sections : undefined;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((s) => {
    if (!s || typeof s !== 'object') return [];
    const o = s as Record<string, unknown>;
    const list = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return [
      {
        title: typeof o.title === 'string' ? o.title : 'Untitled section',
        content: typeof o.content === 'string' ? o.content : '',
        tags: list(o.tags),
        sourceReportIds: list(o.sourceReportIds),
        evidence: evidenceOf(o.evidence),
      },
    ];
  });
}

export default function PlaybookPage() {
  const [clientId, setClientId] = useState('');
  const canOperate = useCanOperate();
  const [startedRun, setStartedRun] = useState<string | null>(null);
  const input = { clientId: clientId || null };
  const query = trpc.playbook.get.useQuery(input);
  const utils = trpc.useUtils();
  const regenerate = trpc.playbook.update.useMutation({
    onSuccess: async (r) => {
      if (r.mode === 'regenerate') {
        setStartedRun(r.runId);
        toast.success('Playbook update started');
        await utils.workflows.list.invalidate();
      }
    },
  });

  const playbook = query.data?.playbook ?? null;
  const reports = new Map((query.data?.sourceReports ?? []).map((r) => [r.id, r]));
  const sections = sectionsOf(playbook?.data);

  return (
    <>
      <PageHeader
        title="Playbook"
        description="What your agency has learned, distilled from experiment reports."
        actions={
          <Button
            onClick={() => regenerate.mutate({ mode: 'regenerate', clientId: clientId || null })}
            disabled={!canOperate || regenerate.isPending}
            title={canOperate ? undefined : 'Needs the operator or admin role'}
          >
            <RefreshCwIcon aria-hidden className={regenerate.isPending ? 'animate-spin' : ''} />
            {regenerate.isPending ? 'Starting…' : 'Update now'}
          </Button>
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <ClientSelect
          aria-label="Playbook scope"
          className="w-64"
          emptyLabel="Organization-wide"
          value={clientId}
          onValueChange={(id) => {
            setClientId(id);
            setStartedRun(null);
          }}
        />
        {playbook ? (
          <p className="text-sm text-muted-foreground">
            Version {playbook.version} · {humanize(playbook.source)} ·{' '}
            <Badge variant={playbook.status === 'approved' ? 'success' : 'warning'}>{playbook.status}</Badge>{' '}
            · updated {formatRelative(playbook.createdAt)}
          </p>
        ) : null}
        {startedRun ? (
          <Link to={`/runs/${startedRun}`} className="text-sm font-medium text-primary hover:underline">
            Follow the update run →
          </Link>
        ) : null}
      </div>

      {query.isPending ? (
        <div className="grid gap-4" aria-busy="true">
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
        </div>
      ) : query.isError ? (
        <EmptyState
          icon={BookOpenIcon}
          title="The playbook could not be loaded"
          description={query.error.message}
        />
      ) : !playbook || sections.length === 0 ? (
        <EmptyState
          icon={BookOpenIcon}
          title="No playbook yet"
          description="The playbook is written from completed experiment reports. Run experiments to completion, then use “Update now”."
        />
      ) : (
        <div className="grid gap-4">
          {sections.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sections have no id; titles may repeat
            <Card key={i}>
              <CardHeader className="gap-2">
                <CardTitle>{s.title}</CardTitle>
                {s.tags.length ? (
                  <div className="flex flex-wrap gap-1">
                    {s.tags.map((t) => (
                      <Badge key={t} variant="secondary">
                        {t}
                      </Badge>
                    ))}
                  </div>
                ) : null}
              </CardHeader>
              <CardContent className="grid gap-4">
                <p className="text-sm leading-relaxed whitespace-pre-line">{s.content}</p>
                {s.evidence.length ? (
                  <div className="grid gap-1.5 border-t pt-3">
                    <p className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                      The numbers
                    </p>
                    <ul className="grid gap-1 text-sm">
                      {s.evidence.map((e) => (
                        <li key={`${e.reportArtifactId}:${e.experimentId}:${e.armId}`}>
                          <span className="font-medium">{metricLabel(e.metric)}</span> · {humanize(e.armId)}:
                          lift <span className="tabular-nums">{signedPercent(e.lift)}</span>
                          {e.ci ? (
                            <span className="text-muted-foreground tabular-nums">
                              {' '}
                              (interval {signedPercent(e.ci[0])} to {signedPercent(e.ci[1])})
                            </span>
                          ) : (
                            <span className="text-muted-foreground"> (no interval reported)</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {s.sourceReportIds.length ? (
                  <div className="grid gap-1.5 border-t pt-3">
                    <p className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
                      Drawn from
                    </p>
                    <ul className="flex flex-wrap gap-2">
                      {s.sourceReportIds.map((id) => {
                        const r = reports.get(id);
                        const name = r
                          ? `${r.campaignName ?? 'Experiment report'} · v${r.version} · ${formatDate(r.createdAt)}`
                          : 'Report no longer available';
                        return (
                          <li key={id}>
                            {r?.campaignId ? (
                              <Link
                                to={`/campaigns/${r.campaignId}`}
                                className="inline-flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs hover:bg-accent"
                              >
                                <FileBarChartIcon aria-hidden className="size-3.5" />
                                {name}
                              </Link>
                            ) : (
                              <span className="inline-flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs text-muted-foreground">
                                <FileBarChartIcon aria-hidden className="size-3.5" />
                                {name}
                              </span>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                ) : null}
              </CardContent>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
