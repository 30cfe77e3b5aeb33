import { PlusIcon, ServerIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { projectView } from '@/components/deploy/adapters';
import { RunStatusBadge } from '@/components/deploy/run-view';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { Textarea } from '@/components/wizard/textarea';
import { errorMessage, fieldIssuesOf, mapFieldErrors } from '@/lib/errors';
import { formatRelative } from '@/lib/format';
import { trpc } from '@/lib/trpc';

const NAME_RE = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;

function NewProjectDialog() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<{ name?: string; description?: string; form?: string }>({});
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const create = trpc.deploy.createProject.useMutation({ meta: { silent: true } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!NAME_RE.test(n)) {
      setErrors({ name: 'Name: 1-63 lower-case letters, digits, - or _ (e.g. production)' });
      return;
    }
    setErrors({});
    try {
      const project = await create.mutateAsync({ name: n, description: description.trim() || null });
      void utils.deploy.projects.invalidate();
      setOpen(false);
      void navigate(`/deploy/${project.id}`);
    } catch (err) {
      const { errors: f, unmatched } = mapFieldErrors(fieldIssuesOf(err), ['name', 'description'] as const);
      setErrors({
        ...(f.name ? { name: `Name ${f.name}` } : {}),
        ...(f.description ? { description: `Description ${f.description}` } : {}),
        ...(unmatched.length || (!f.name && !f.description) ? { form: errorMessage(err) } : {}),
      });
    }
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> New project
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New deploy project</DialogTitle>
          <DialogDescription>
            One Hetzner project's plan: its servers, networks and what runs on them, applied one run at a
            time.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" noValidate onSubmit={(e) => void submit(e)}>
          <FormField id="project-name" label="Name" error={errors.name} hint="Lower-case, e.g. production">
            <Input
              id="project-name"
              value={name}
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
              {...(errors.name
                ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId('project-name') }
                : {})}
            />
          </FormField>
          <FormField id="project-description" label="Description" error={errors.description}>
            <Textarea
              id="project-description"
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </FormField>
          {errors.form ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create project'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export default function DeployProjectsPage() {
  const query = trpc.deploy.projects.useQuery(undefined, { meta: { silent: true } });
  return (
    <>
      <PageHeader
        title="Deploy"
        description="Plans for Hetzner servers — funnels, apps and MOS's own worker behind nginx — applied with live steps and logs."
        actions={<NewProjectDialog />}
      />
      {query.isPending ? (
        <div
          className="grid gap-4 md:grid-cols-2"
          role="status"
          aria-busy="true"
          aria-label="Loading projects"
        >
          {[0, 1].map((i) => (
            <Skeleton key={i} className="h-28 rounded-lg" />
          ))}
        </div>
      ) : query.isError ? (
        <EmptyState
          icon={ServerIcon}
          title="Projects could not be loaded"
          description={query.error.message}
        />
      ) : query.data.length === 0 ? (
        <EmptyState
          icon={ServerIcon}
          title="No deploy projects yet"
          description="Create a project, bootstrap its first plan (a server in a network), set its secrets by name and apply."
        />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="Deploy projects">
          {query.data.map((raw) => {
            const p = projectView(raw);
            return (
              <li key={p.id}>
                <Card className="flex h-full flex-col gap-2 p-5">
                  <div className="flex items-start justify-between gap-3">
                    <Link
                      to={`/deploy/${p.id}`}
                      className="truncate font-semibold hover:text-primary hover:underline"
                    >
                      {p.name}
                    </Link>
                    {p.lastRun ? <RunStatusBadge status={p.lastRun.status} /> : null}
                  </div>
                  {p.description ? <p className="line-clamp-2 text-sm">{p.description}</p> : null}
                  <p className="mt-auto text-sm text-muted-foreground">
                    {p.planVersion ? `Plan v${p.planVersion}` : 'No plan yet'}
                    {p.lastRun ? ` · last run ${formatRelative(p.lastRun.createdAt)}` : ''}
                  </p>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
