import { versionView } from '@/components/deploy/adapters';
import { PlanVersions } from '@/components/deploy/history';
import { type LoadedPlan, PlanCompare } from '@/components/deploy/plan-compare';
import { Skeleton } from '@/components/ui/skeleton';
import { useMe } from '@/lib/me';
import { trpc } from '@/lib/trpc';

function useVersion(projectId: string, version: number | null): LoadedPlan {
  const q = trpc.deploy.plan.useQuery(
    { projectId, version: version ?? 1 },
    { enabled: version !== null, meta: { silent: true }, staleTime: Number.POSITIVE_INFINITY },
  );
  if (q.isError) return { error: q.error.message };
  if (q.data === null) return { error: `There is no plan v${version}.` };
  return q.data ? { plan: q.data.plan } : 'loading';
}

/**
 * The project's plan versions, and the comparison of two of them when the page's `from`/`to` parameters name them
 * (a saved version never changes, so each is fetched once).
 */
export function VersionsTab({
  projectId,
  current,
  compare,
  liveVersion,
  onCompare,
  onExport,
  onLoad,
}: {
  projectId: string;
  current: number | null;
  compare: { from: number; to: number } | null;
  /** The plan version the last successful run applied: comparing it with the current one is "since last apply". */
  liveVersion: number | null;
  onCompare: (c: { from: number; to: number } | null) => void;
  onExport: (version: number) => void;
  onLoad: (version: number) => void;
}) {
  const me = useMe().data;
  const versions = trpc.deploy.planVersions.useQuery({ projectId }, { meta: { silent: true } });
  const before = useVersion(projectId, compare?.from ?? null);
  const after = useVersion(projectId, compare?.to ?? null);
  if (versions.isPending) return <Skeleton className="h-48 w-full" />;
  if (versions.isError) return <p className="text-sm text-destructive">{versions.error.message}</p>;
  const list = versions.data.map((v) => versionView(v, me));
  return (
    <div className="grid gap-6">
      {compare ? (
        <PlanCompare
          versions={list.map((v) => v.version)}
          from={compare.from}
          to={compare.to}
          before={before}
          after={after}
          title={
            compare.from === liveVersion && compare.to === current
              ? 'Changes since the last apply'
              : 'Compare plan versions'
          }
          onChange={(from, to) => onCompare({ from, to })}
          onClose={() => onCompare(null)}
        />
      ) : null}
      <PlanVersions
        versions={list}
        current={current}
        onExport={onExport}
        onLoad={onLoad}
        onCompare={(from, to) => {
          onCompare({ from, to });
          window.scrollTo({ top: 0 });
        }}
      />
    </div>
  );
}
