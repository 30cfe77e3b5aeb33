import { type PlanIssue, safeParsePlan, secretRefs } from '@mos/cloudhand/plan';
import { ArrowLeftIcon, DownloadIcon, KeyRoundIcon, PlayIcon, ServerIcon } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { planIssuesOfError, projectView, runView } from '@/components/deploy/adapters';
import { downloadJson, RunsHistory } from '@/components/deploy/history';
import { PlanEditorPanel } from '@/components/deploy/plan-editor';
import { PlanStructure } from '@/components/deploy/plan-structure';
import { DeployRunPanel } from '@/components/deploy/run-view';
import { SecretsPanel } from '@/components/deploy/secrets-panel';
import { isRunActive, shortId } from '@/components/deploy/types';
import { useRunFeed } from '@/components/deploy/use-run-feed';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { errorMessage } from '@/lib/errors';
import { formatRelative } from '@/lib/format';
import { useMe } from '@/lib/me';
import { trpc } from '@/lib/trpc';
import { useDebounced } from '@/lib/use-debounced';
import { cn } from '@/lib/utils';
import { BootstrapCard } from './bootstrap-card';
import { SettingsTab } from './settings-tab';
import { VersionsTab } from './versions-tab';

const TABS = [
  ['plan', 'Plan'],
  ['secrets', 'Secrets'],
  ['runs', 'Apply & runs'],
  ['versions', 'Versions'],
  ['settings', 'Settings'],
] as const;
type TabId = (typeof TABS)[number][0];

const pretty = (plan: unknown) => JSON.stringify(plan, null, 2);

function PlanTab({
  projectId,
  savedText,
  draft,
  setDraft,
  mode,
  setMode,
}: {
  projectId: string;
  savedText: string;
  draft: string;
  setDraft: (t: string) => void;
  mode: 'overview' | 'edit';
  setMode: (m: 'overview' | 'edit') => void;
}) {
  const utils = trpc.useUtils();
  const [serverIssues, setServerIssues] = useState<PlanIssue[] | null>(null);
  // What the server's check (deploy.validatePlan) says of a draft the plan model accepts: the secrets it names
  // that the org lacks, before a save is refused for them. Kept with the text it was for.
  const [checked, setChecked] = useState<{ text: string; issues: PlanIssue[] } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const save = trpc.deploy.savePlan.useMutation({ meta: { silent: true } });
  const validate = trpc.deploy.validatePlan.useMutation({ meta: { silent: true } });
  const settledDraft = useDebounced(draft, 600);
  const { mutate: runCheck } = validate;
  useEffect(() => {
    if (settledDraft === savedText) return;
    let value: unknown;
    try {
      value = JSON.parse(settledDraft);
    } catch {
      return;
    }
    if (!safeParsePlan(value).ok) return;
    runCheck(
      { plan: value },
      { onSuccess: (r) => setChecked({ text: settledDraft, issues: r.ok ? [] : r.issues }) },
    );
  }, [settledDraft, savedText, runCheck]);
  const shownServerIssues =
    serverIssues ?? (checked && checked.text === draft && checked.issues.length > 0 ? checked.issues : null);
  const saved = useMemo(() => safeParsePlan(JSON.parse(savedText) as unknown), [savedText]);
  const draftPlan = useMemo(() => {
    try {
      return safeParsePlan(JSON.parse(draft) as unknown);
    } catch {
      return null;
    }
  }, [draft]);
  const shown = draftPlan?.ok ? draftPlan.plan : saved.ok ? saved.plan : null;
  return (
    <div className="grid gap-4">
      <fieldset className="inline-flex w-fit rounded-md border bg-muted/40 p-0.5" aria-label="Plan view">
        {(
          [
            ['overview', 'Overview'],
            ['edit', 'Edit JSON'],
          ] as const
        ).map(([m, label]) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            onClick={() => setMode(m)}
            className={cn(
              'rounded px-3 py-1 text-sm font-medium text-muted-foreground',
              mode === m && 'bg-card text-foreground shadow-xs ring-1 ring-border',
            )}
          >
            {label}
          </button>
        ))}
      </fieldset>
      {mode === 'edit' ? (
        <>
          <PlanEditorPanel
            draft={draft}
            onDraftChange={(t) => {
              setDraft(t);
              setServerIssues(null);
              setSaveError(null);
            }}
            savedText={savedText}
            saving={save.isPending}
            serverIssues={shownServerIssues}
            serverNote={serverIssues ? 'the server refused the save' : 'found by the server’s check'}
            onSave={(plan) => {
              setSaveError(null);
              save.mutate(
                { projectId, plan, note: null, source: 'editor' },
                {
                  onSuccess: (row) => {
                    toast.success(`Saved as plan v${row.version}`);
                    setServerIssues(null);
                    setDraft(pretty(row.plan));
                    void utils.deploy.plan.invalidate({ projectId });
                    void utils.deploy.planVersions.invalidate({ projectId });
                    void utils.deploy.projects.invalidate();
                  },
                  onError: (err) => {
                    const issues = planIssuesOfError(err);
                    setServerIssues(issues.length ? issues : null);
                    if (!issues.length) setSaveError(errorMessage(err));
                  },
                },
              );
            }}
          />
          {saveError ? (
            <p role="alert" className="text-sm text-destructive">
              {saveError}
            </p>
          ) : null}
          {draftPlan?.ok ? (
            <details className="rounded-md border p-3">
              <summary className="cursor-pointer text-sm font-medium">Overview of the draft</summary>
              <div className="mt-3">
                <PlanStructure plan={draftPlan.plan} />
              </div>
            </details>
          ) : null}
        </>
      ) : shown ? (
        <>
          {draft !== savedText ? (
            <p className="text-sm text-muted-foreground">Showing your unsaved draft.</p>
          ) : null}
          <PlanStructure plan={shown} />
        </>
      ) : (
        <p role="alert" className="text-sm text-destructive">
          The stored plan no longer passes the plan model’s checks; open Edit JSON to see where.
        </p>
      )}
    </div>
  );
}

function SecretsTab({ referenced }: { referenced: string[] }) {
  const utils = trpc.useUtils();
  const list = trpc.secrets.list.useQuery(undefined, { meta: { silent: true } });
  const set = trpc.secrets.set.useMutation({ meta: { silent: true } });
  const remove = trpc.secrets.delete.useMutation({ meta: { silent: true } });
  if (list.isPending) return <Skeleton className="h-48 w-full" />;
  return (
    <SecretsPanel
      secrets={(list.data ?? []).map((s) => ({ name: s.name, updatedAt: String(s.updatedAt) }))}
      referenced={referenced}
      error={list.isError ? list.error.message : null}
      onSet={async (name, value) => {
        try {
          await set.mutateAsync({ name, value });
        } catch (err) {
          throw new Error(errorMessage(err));
        }
        toast.success(`Secret ${name} saved`);
        await utils.secrets.list.invalidate();
      }}
      onDelete={async (name) => {
        try {
          await remove.mutateAsync({ name });
          toast.success(`Secret ${name} deleted`);
        } catch (err) {
          toast.error(errorMessage(err));
        }
        await utils.secrets.list.invalidate();
      }}
    />
  );
}

function RunsTab({
  projectId,
  selected,
  onSelect,
}: {
  projectId: string;
  selected: string | null;
  onSelect: (runId: string) => void;
}) {
  const me = useMe().data;
  const utils = trpc.useUtils();
  const runs = trpc.deploy.runs.useQuery(
    { projectId, limit: 50 },
    {
      meta: { silent: true },
      refetchInterval: (q) =>
        q.state.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 3000 : false,
    },
  );
  const rollback = trpc.deploy.rollback.useMutation({ meta: { silent: true } });
  const views = (runs.data ?? []).map((r) => runView(r, me));
  const current = selected ?? views.find((r) => isRunActive(r.status))?.id ?? views[0]?.id ?? null;
  const feed = useRunFeed(current, (run) => {
    void utils.deploy.runs.invalidate({ projectId });
    void utils.deploy.projects.invalidate();
    if (run.status === 'succeeded') toast.success(`Run ${shortId(run.id)} succeeded`);
    else toast.error(`Run ${shortId(run.id)} failed`);
  });
  if (runs.isPending) return <Skeleton className="h-64 w-full" />;
  if (runs.isError) return <p className="text-sm text-destructive">{runs.error.message}</p>;
  return (
    <div className="grid gap-6">
      {feed.run ? (
        <Card className="scroll-mt-20 p-4" id="deploy-run-panel">
          <DeployRunPanel run={feed.run} logs={feed.logs} queue={feed.queue} />
          {feed.error ? <p className="mt-2 text-sm text-destructive">{feed.error}</p> : null}
        </Card>
      ) : current ? (
        <Skeleton className="h-64 w-full" />
      ) : null}
      <div className="grid gap-2">
        <h2 className="text-base font-semibold">History</h2>
        <RunsHistory
          runs={views}
          selectedId={current}
          onSelect={(runId) => {
            onSelect(runId);
            // The run opens above the history: bring it into view, as a click on a row far down would not show it.
            document.getElementById('deploy-run-panel')?.scrollIntoView({ block: 'start' });
          }}
          busy={views.some((r) => isRunActive(r.status))}
          onRollback={async (runId) => {
            try {
              const r = await rollback.mutateAsync({ runId });
              toast.success(
                r.position > 0
                  ? `Rollback queued behind ${r.position} run${r.position === 1 ? '' : 's'}`
                  : 'Rollback started',
              );
              onSelect(r.runId);
              await utils.deploy.runs.invalidate({ projectId });
            } catch (err) {
              toast.error(errorMessage(err));
            }
          }}
        />
      </div>
    </div>
  );
}

export default function DeployProjectPage() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabId = TABS.some(([id]) => id === params.get('tab')) ? (params.get('tab') as TabId) : 'plan';
  const selectedRun = params.get('run');
  const utils = trpc.useUtils();
  const projects = trpc.deploy.projects.useQuery(undefined, { meta: { silent: true } });
  const plan = trpc.deploy.plan.useQuery({ projectId }, { meta: { silent: true } });
  // The same query as the runs tab's (one cache entry): the last successful run says which version is live.
  const runs = trpc.deploy.runs.useQuery({ projectId, limit: 50 }, { meta: { silent: true } });
  const apply = trpc.deploy.applyPlan.useMutation({ meta: { silent: true } });
  const secrets = trpc.secrets.list.useQuery(undefined, { meta: { silent: true } });
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<'overview' | 'edit'>('overview');

  const tabsRef = useRef<HTMLDivElement>(null);
  const loaded = !projects.isPending && !plan.isPending;
  // On a narrow screen the tab row scrolls sideways: keep the open tab in sight (e.g. Settings, the last one).
  useEffect(() => {
    if (loaded)
      tabsRef.current
        ?.querySelector(`[role="tab"][id$="-trigger-${tab}"]`)
        ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [tab, loaded]);

  const setParam = (entries: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(entries)) {
          if (v === null) p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );

  const rawProject = projects.data?.find((p) => p.id === projectId);
  const project = rawProject ? projectView(rawProject) : null;
  const savedText = plan.data ? pretty(plan.data.plan) : '';
  const draftKey = `${projectId}:${plan.data?.version ?? 0}`;
  const draft = drafts[draftKey] ?? savedText;
  const setDraft = (t: string) => setDrafts((d) => ({ ...d, [draftKey]: t }));
  const referenced = useMemo(() => {
    const names = new Set<string>();
    const settings = rawProject?.settings as
      | { hcloudTokenSecret?: string; gitTokenSecret?: string | null }
      | undefined;
    if (settings?.hcloudTokenSecret) names.add(settings.hcloudTokenSecret);
    if (settings?.gitTokenSecret) names.add(settings.gitTokenSecret);
    const parsed = plan.data ? safeParsePlan(plan.data.plan) : null;
    if (parsed?.ok) for (const n of secretRefs(parsed.plan.new_spec)) names.add(n);
    return [...names].sort();
  }, [plan.data, rawProject]);

  const compareFrom = Number(params.get('from'));
  const compareTo = Number(params.get('to'));
  const compare =
    Number.isInteger(compareFrom) && compareFrom > 0 && Number.isInteger(compareTo) && compareTo > 0
      ? { from: compareFrom, to: compareTo }
      : null;
  const lastApplied = (runs.data ?? [])
    .filter((r) => r.status === 'succeeded' && r.planVersion != null)
    .sort((a, b) => Date.parse(String(b.createdAt)) - Date.parse(String(a.createdAt)))[0];
  const liveVersion = lastApplied?.planVersion ?? null;

  const haveSecrets = secrets.data ? new Set(secrets.data.map((s) => s.name)) : null;
  const missingSecrets = haveSecrets ? referenced.filter((n) => !haveSecrets.has(n)) : [];

  if (projects.isPending || plan.isPending) {
    return (
      <div className="space-y-4" role="status" aria-busy="true" aria-label="Loading project">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-9 w-full max-w-xl" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (!project || plan.isError) {
    return (
      <EmptyState
        icon={ServerIcon}
        title="Project could not be loaded"
        description={
          plan.error?.message ?? projects.error?.message ?? 'There is no deploy project with this id.'
        }
        action={
          <Button asChild variant="outline">
            <Link to="/deploy">Back to Deploy</Link>
          </Button>
        }
      />
    );
  }

  const startApply = () =>
    apply.mutate(
      { projectId },
      {
        onSuccess: (r) => {
          toast.success(
            r.position > 0
              ? `Plan v${r.version} queued behind ${r.position} run${r.position === 1 ? '' : 's'}`
              : `Applying plan v${r.version}`,
          );
          setParam({ tab: 'runs', run: r.runId });
          void utils.deploy.runs.invalidate({ projectId });
        },
        onError: (err) => toast.error(errorMessage(err)),
      },
    );

  const exportVersion = async (version: number) => {
    try {
      const file = await utils.client.deploy.exportPlan.query({ projectId, version });
      downloadJson(file.fileName, JSON.parse(file.text) as unknown);
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  return (
    <>
      <Link
        to="/deploy"
        className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon className="size-4" aria-hidden /> Deploy
      </Link>
      <PageHeader
        title={project.name}
        description={
          plan.data
            ? `Plan v${plan.data.version}${project.description ? ` · ${project.description}` : ''}`
            : (project.description ?? 'No plan yet')
        }
        actions={
          plan.data ? (
            <>
              <Button variant="outline" onClick={() => void exportVersion(plan.data?.version ?? 1)}>
                <DownloadIcon aria-hidden /> Export
              </Button>
              <Button
                disabled={apply.isPending}
                onClick={startApply}
                title={
                  draft !== savedText ? 'Applies the saved plan; your draft is not saved yet' : undefined
                }
              >
                <PlayIcon aria-hidden /> {apply.isPending ? 'Starting…' : `Apply plan v${plan.data.version}`}
              </Button>
            </>
          ) : null
        }
      />
      {plan.data && lastApplied && liveVersion !== null ? (
        <p className="-mt-4 mb-6 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
          <span>
            Live: plan v{liveVersion}, applied{' '}
            {formatRelative(String(lastApplied.finishedAt ?? lastApplied.createdAt))}
            {liveVersion === plan.data.version ? ' (the current plan).' : '.'}
          </span>
          {liveVersion < plan.data.version ? (
            <Button
              variant="link"
              size="sm"
              className="h-auto px-0"
              onClick={() =>
                setParam({ tab: 'versions', from: String(liveVersion), to: String(plan.data?.version ?? 1) })
              }
            >
              Changes since last apply (v{liveVersion} → v{plan.data.version})
            </Button>
          ) : null}
        </p>
      ) : null}
      {plan.data && missingSecrets.length > 0 && tab !== 'secrets' ? (
        <div
          role="status"
          className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-md border border-warning/40 bg-warning/10 px-4 py-3 text-sm"
        >
          <span className="flex items-start gap-2">
            <KeyRoundIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              An apply needs {missingSecrets.length === 1 ? 'a secret' : 'secrets'} this organization has not
              set: <code className="font-mono text-xs break-all">{missingSecrets.join(', ')}</code>
            </span>
          </span>
          <Button variant="outline" size="sm" onClick={() => setParam({ tab: 'secrets' })}>
            Set {missingSecrets.length === 1 ? 'it' : 'them'} under Secrets
          </Button>
        </div>
      ) : null}
      <Tabs value={tab} onValueChange={(v) => setParam({ tab: v })}>
        <div className="mb-6 overflow-x-auto" ref={tabsRef}>
          <TabsList>
            {TABS.map(([id, label]) => (
              <TabsTrigger key={id} value={id} className="shrink-0 whitespace-nowrap">
                {label}
              </TabsTrigger>
            ))}
          </TabsList>
        </div>
        <TabsContent value="plan">
          {plan.data ? (
            <PlanTab
              projectId={projectId}
              savedText={savedText}
              draft={draft}
              setDraft={setDraft}
              mode={mode}
              setMode={setMode}
            />
          ) : (
            <BootstrapCard projectId={projectId} />
          )}
        </TabsContent>
        <TabsContent value="secrets">
          <SecretsTab referenced={referenced} />
        </TabsContent>
        <TabsContent value="runs">
          <RunsTab projectId={projectId} selected={selectedRun} onSelect={(id) => setParam({ run: id })} />
        </TabsContent>
        <TabsContent value="versions">
          <VersionsTab
            projectId={projectId}
            current={plan.data?.version ?? null}
            compare={compare}
            liveVersion={liveVersion}
            onCompare={(c) =>
              setParam(c ? { from: String(c.from), to: String(c.to) } : { from: null, to: null })
            }
            onExport={(v) => void exportVersion(v)}
            onLoad={(v) => {
              void utils.client.deploy.plan
                .query({ projectId, version: v })
                .then((row) => {
                  if (!row) return;
                  setDraft(pretty(row.plan));
                  setMode('edit');
                  setParam({ tab: 'plan', from: null, to: null });
                  toast.info(`Plan v${v} is in the editor: save it to make it the newest version`);
                })
                .catch((err: unknown) => toast.error(errorMessage(err)));
            }}
          />
        </TabsContent>
        <TabsContent value="settings">
          {rawProject ? (
            <SettingsTab project={rawProject} onOpenSecrets={() => setParam({ tab: 'secrets' })} />
          ) : null}
        </TabsContent>
      </Tabs>
    </>
  );
}
