import { FileUpIcon, SparklesIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { planIssuesOfError } from '@/components/deploy/adapters';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

/**
 * A project's first plan: the bootstrap (one network and one server, as the original's first run; or the host for
 * MOS's own worker), or a plan file exported from another project or written for `ch`.
 */
export function BootstrapCard({ projectId }: { projectId: string }) {
  const utils = trpc.useUtils();
  const [kind, setKind] = useState<'app' | 'mos_worker'>('app');
  const [instanceName, setInstanceName] = useState('web-1');
  const [region, setRegion] = useState('nbg1');
  const [size, setSize] = useState('cx23');
  const [repoUrl, setRepoUrl] = useState('');
  const [relay, setRelay] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const bootstrap = trpc.deploy.bootstrap.useMutation({ meta: { silent: true } });
  const save = trpc.deploy.savePlan.useMutation({ meta: { silent: true } });
  const done = (version: number) => {
    toast.success(`Plan v${version} created`);
    setProblems([]);
    void utils.deploy.plan.invalidate({ projectId });
    void utils.deploy.planVersions.invalidate({ projectId });
    void utils.deploy.projects.invalidate();
  };
  const fail = (err: unknown) => {
    const plan = planIssuesOfError(err).map((i) => `${i.path}: ${i.message}`);
    const fields = fieldIssuesOf(err)
      .filter((i) => i.path[0] !== 'plan')
      .map((i) => `${i.path.join('.')}: ${i.message}`);
    const all = [...plan, ...fields];
    setProblems(all.length ? all : [errorMessage(err)]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const server = {
      instanceName: instanceName.trim() || null,
      region: region.trim() || null,
      size: size.trim() || null,
    };
    const input =
      kind === 'app'
        ? { projectId, kind, ...server }
        : { projectId, kind, ...server, repoUrl: repoUrl.trim(), relayServerName: relay.trim() };
    bootstrap.mutate(input, { onSuccess: (row) => done(row.version), onError: fail });
  };
  const importFile = async (file: File) => {
    let plan: unknown;
    try {
      plan = JSON.parse(await file.text());
    } catch (err) {
      setProblems([`${file.name} is not JSON: ${err instanceof Error ? err.message : String(err)}`]);
      return;
    }
    save.mutate(
      { projectId, plan, note: file.name, source: 'import' },
      { onSuccess: (row) => done(row.version), onError: fail },
    );
  };
  return (
    <Card className="grid gap-5 p-5">
      <div>
        <h2 className="font-semibold">Start the plan</h2>
        <p className="text-sm text-muted-foreground">
          A bootstrap plan has one network and one server; add workloads in the editor afterwards (or with
          Publish + Deploy from a funnel).
        </p>
      </div>
      <form className="grid gap-4" noValidate onSubmit={submit}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <FormField id="bootstrap-kind" label="Kind">
            <NativeSelect
              id="bootstrap-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as typeof kind)}
            >
              <option value="app">Apps and funnels</option>
              <option value="mos_worker">MOS worker host</option>
            </NativeSelect>
          </FormField>
          <FormField id="bootstrap-instance" label="Server name">
            <Input
              id="bootstrap-instance"
              value={instanceName}
              onChange={(e) => setInstanceName(e.target.value)}
            />
          </FormField>
          <FormField id="bootstrap-region" label="Location">
            <Input id="bootstrap-region" value={region} onChange={(e) => setRegion(e.target.value)} />
          </FormField>
          <FormField id="bootstrap-size" label="Server type">
            <Input id="bootstrap-size" value={size} onChange={(e) => setSize(e.target.value)} />
          </FormField>
        </div>
        {kind === 'mos_worker' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="bootstrap-repo" label="MOS repository URL">
              <Input
                id="bootstrap-repo"
                value={repoUrl}
                placeholder="https://github.com/acme/mos.git"
                onChange={(e) => setRepoUrl(e.target.value)}
              />
            </FormField>
            <FormField id="bootstrap-relay" label="Relay host name">
              <Input
                id="bootstrap-relay"
                value={relay}
                placeholder="relay.example.com"
                onChange={(e) => setRelay(e.target.value)}
              />
            </FormField>
          </div>
        ) : null}
        {problems.length ? (
          <ul role="alert" className="grid gap-1 text-sm text-destructive">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={bootstrap.isPending}>
            <SparklesIcon aria-hidden /> {bootstrap.isPending ? 'Creating…' : 'Bootstrap plan'}
          </Button>
          <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-primary hover:underline">
            <FileUpIcon className="size-4" aria-hidden /> Import a plan file
            <input
              type="file"
              accept="application/json,.json"
              className="sr-only"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void importFile(f);
                e.target.value = '';
              }}
            />
          </label>
        </div>
      </form>
    </Card>
  );
}
