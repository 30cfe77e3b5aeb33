import { DeployProjectSettings } from '@mos/db/contracts';
import { type ProjectSettingsChange, ProjectSettingsPanel } from '@/components/deploy/settings-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { type RouterOutputs, trpc } from '@/lib/trpc';

type ProjectOut = RouterOutputs['deploy']['projects'][number];

/** The Settings tab: `deploy.updateProject`, then the project (header, missing-secrets banner) is fetched again. */
export function SettingsTab({ project, onOpenSecrets }: { project: ProjectOut; onOpenSecrets: () => void }) {
  const utils = trpc.useUtils();
  const secrets = trpc.secrets.list.useQuery(undefined, { meta: { silent: true } });
  const update = trpc.deploy.updateProject.useMutation({ meta: { silent: true } });
  // A stored row the current model would not read falls back to the defaults rather than breaking the form.
  const settings = DeployProjectSettings.safeParse(project.settings).data ?? DeployProjectSettings.parse({});
  if (secrets.isPending) return <Skeleton className="h-96 w-full" />;
  return (
    <ProjectSettingsPanel
      // A new stored row (after a save) starts the form from it.
      key={String(project.updatedAt)}
      description={project.description ?? null}
      settings={settings}
      // Unknown when the list failed (e.g. no secrets key on the API): then no name is called set or missing.
      secretNames={secrets.data ? secrets.data.map((s) => s.name) : null}
      onOpenSecrets={onOpenSecrets}
      onSave={async (change: ProjectSettingsChange) => {
        await update.mutateAsync({ projectId: project.id, ...change });
        toast.success('Settings saved');
        await utils.deploy.projects.invalidate();
      }}
    />
  );
}
