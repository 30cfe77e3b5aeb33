import { FileTextIcon, HistoryIcon, SearchIcon } from 'lucide-react';
import { useState } from 'react';
import { ArtifactStatusBadge } from '@/components/artifacts/artifact-status-badge';
import { ReadableDocument } from '@/components/artifacts/readable-document';
import { type ResearchStepData, ResearchStepView } from '@/components/artifacts/research-step-view';
import { VersionHistoryDialog } from '@/components/artifacts/version-history';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { formatRelative, humanize } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { cn } from '@/lib/utils';

const DOCS = [
  {
    type: 'client_canon',
    title: 'Canon',
    description:
      'Brand, offers, ideal customers, voice and constraints: what every asset is checked against.',
  },
  {
    type: 'metric_schema',
    title: 'Metric schema',
    description: 'The events and KPIs experiments are measured by.',
  },
] as const;

function DocumentCard({ clientId, doc }: { clientId: string; doc: (typeof DOCS)[number] }) {
  const [historyOpen, setHistoryOpen] = useState(false);
  const key = { clientId, type: doc.type };
  const query = trpc.artifacts.latest.useQuery(key);
  const artifact = query.data;
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <CardTitle className="flex items-center gap-2">
            {doc.title}
            {artifact ? (
              <>
                <span className="text-sm font-normal text-muted-foreground">v{artifact.version}</span>
                <ArtifactStatusBadge status={artifact.status} />
              </>
            ) : null}
          </CardTitle>
          <CardDescription>{doc.description}</CardDescription>
          {artifact ? (
            <p className="mt-1 text-xs text-muted-foreground">
              {humanize(artifact.source)} · {formatRelative(artifact.createdAt)}
            </p>
          ) : null}
        </div>
        {artifact ? (
          <Button variant="outline" size="sm" onClick={() => setHistoryOpen(true)}>
            <HistoryIcon /> Version history
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <div className="space-y-3" role="status" aria-busy="true" aria-label={`Loading ${doc.title}`}>
            <Skeleton className="h-4 w-1/3" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-5/6" />
          </div>
        ) : query.isError ? (
          <p className="text-sm text-destructive">{query.error.message}</p>
        ) : artifact ? (
          <ReadableDocument data={artifact.data} />
        ) : (
          <EmptyState
            icon={FileTextIcon}
            className="py-10"
            title={`No ${doc.title.toLowerCase()} yet`}
            description="Onboarding drafts it after the market research; it then waits for your review in the inbox."
          />
        )}
      </CardContent>
      {artifact ? (
        <VersionHistoryDialog
          open={historyOpen}
          onOpenChange={setHistoryOpen}
          artifactKey={key}
          title={doc.title}
        />
      ) : null}
    </Card>
  );
}

function ResearchSteps({ clientId }: { clientId: string }) {
  const query = trpc.artifacts.list.useQuery({
    clientId,
    type: 'research_step',
    campaignId: null,
    limit: 100,
  });
  // Newest first from the API: keep the newest document of each step, shown in step order.
  const steps = new Map<string, { id: string; data: ResearchStepData; status: string }>();
  for (const a of query.data?.items ?? []) {
    const data = (a.data ?? {}) as ResearchStepData;
    const key = data.stepKey ?? a.stepKey ?? a.id;
    if (!steps.has(key)) steps.set(key, { id: a.id, data, status: a.status });
  }
  const ordered = [...steps.entries()].sort(([a], [b]) => a.localeCompare(b));
  const [selected, setSelected] = useState<string | null>(null);
  const current = ordered.find(([k]) => k === selected) ?? ordered[0];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Research steps</CardTitle>
        <CardDescription>The market research the canon was drafted from, with its sources.</CardDescription>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-40 w-full" />
        ) : query.isError ? (
          <p className="text-sm text-destructive">{query.error.message}</p>
        ) : ordered.length === 0 || !current ? (
          <EmptyState
            icon={SearchIcon}
            className="py-10"
            title="No research yet"
            description="Start onboarding and the research steps appear here as each one finishes."
          />
        ) : (
          <div className="grid gap-6 2xl:grid-cols-[14rem_minmax(0,1fr)]">
            <nav
              aria-label="Research steps"
              className="flex gap-1 overflow-x-auto border-b pb-2 2xl:flex-col 2xl:border-0 2xl:pb-0"
            >
              {ordered.map(([key, s]) => (
                <button
                  key={key}
                  type="button"
                  aria-current={current[0] === key ? 'true' : undefined}
                  onClick={() => setSelected(key)}
                  className={cn(
                    'shrink-0 rounded-md px-3 py-2 text-left text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                    current[0] === key ? 'bg-accent font-medium text-accent-foreground' : 'hover:bg-muted',
                  )}
                >
                  <span className="mr-2 text-xs text-muted-foreground tabular-nums">{key}</span>
                  {s.data.title ?? 'Research step'}
                </button>
              ))}
            </nav>
            <article aria-label={current[1].data.title ?? 'Research step'} className="min-w-0">
              <div className="mb-3 flex items-center gap-2">
                <h3 className="text-base font-semibold">{current[1].data.title}</h3>
                <ArtifactStatusBadge status={current[1].status} />
              </div>
              <ResearchStepView data={current[1].data} />
            </article>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

export function DefinitionFilesTab({ clientId }: { clientId: string }) {
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-6">
      {DOCS.map((d) => (
        <DocumentCard key={d.type} clientId={clientId} doc={d} />
      ))}
      <ResearchSteps clientId={clientId} />
    </div>
  );
}
