import { HostName } from '@mos/cloudhand/plan';
import type { DeployStep } from '@mos/db/contracts';
import {
  CheckCircle2Icon,
  CircleAlertIcon,
  ExternalLinkIcon,
  LoaderCircleIcon,
  ServerIcon,
} from 'lucide-react';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/wizard/textarea';
import { DeployRunPanel, StepList } from './run-view';
import type { DeployLogLineView, DeployRunView, QueuePlace } from './types';

export interface PublishDeployRequest {
  project: string;
  serverNames: string[];
  https: boolean;
}

/** Where the Publish + Deploy stands, as the page polls it. */
export interface PublishDeployProgress {
  publish: {
    status: string;
    step: string | null;
    error: string | null;
    /** The publish run's own steps (check, render, activate, hand over to the deploy), as far as known. */
    steps?: DeployStep[];
  };
  /** Null until the publish run has handed over to the deploy. */
  deploy: { run: DeployRunView; logs: readonly DeployLogLineView[]; queue: QueuePlace | null } | null;
  /** The page's URL once the deploy succeeded. */
  url: string | null;
}

/** Host names from a text box: one per line or comma-separated; each checked as the plan model checks it. */
export function parseServerNames(text: string): { names: string[]; problem: string | null } {
  const names = text
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const n of names) {
    const r = HostName.safeParse(n);
    if (!r.success) return { names, problem: `${n}: ${r.error.issues[0]?.message ?? 'is not a host name'}` };
  }
  return { names: [...new Set(names)], problem: null };
}

function PublishLine({ publish }: { publish: PublishDeployProgress['publish'] }) {
  const done = publish.status === 'completed';
  const failed = publish.status === 'failed' || publish.status === 'cancelled';
  return (
    <div className="flex items-start gap-2 text-sm" role="status" data-publish-status={publish.status}>
      {done ? (
        <CheckCircle2Icon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
      ) : failed ? (
        <CircleAlertIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
      ) : (
        <LoaderCircleIcon className="mt-0.5 size-4 shrink-0 animate-spin text-muted-foreground" aria-hidden />
      )}
      <div className="min-w-0">
        <p className="font-medium">
          Publish: {done ? 'done' : failed ? 'failed' : publish.step ? `${publish.step}…` : 'starting…'}
        </p>
        {publish.error ? <p className="text-destructive">{publish.error}</p> : null}
        {publish.steps && publish.steps.length > 0 ? (
          <div className="mt-2">
            <StepList steps={publish.steps} now={Date.now()} label="Publish steps" />
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Publish + Deploy (admins): the funnel published, then its workload patched into a deploy project's plan and
 * applied; the dialog follows both runs live and ends with the deployed page's URL.
 */
export function PublishDeployDialog({
  projects,
  defaultServerNames,
  disabled,
  disabledReason,
  onStart,
  progress,
  error,
  starting,
  onReset,
  onOpen,
  loading,
  trigger,
}: {
  projects: readonly { id: string; name: string }[];
  /** The funnel's verified domains. */
  defaultServerNames: readonly string[];
  disabled: boolean;
  disabledReason?: string;
  onStart: (req: PublishDeployRequest) => void;
  progress: PublishDeployProgress | null;
  /** The start was refused (or the runs could not be read). */
  error: string | null;
  starting: boolean;
  /** Closing the dialog after a finished run lets the next opening start fresh. */
  onReset: () => void;
  /** The dialog opened: the page loads what it offers (projects, domains) only now. */
  onOpen?: () => void;
  /** Projects and domains are still on their way. */
  loading?: boolean;
  trigger?: ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [project, setProject] = useState('');
  const [names, setNames] = useState(defaultServerNames.join('\n'));
  // The domains arrive after the dialog opened: they fill the field until the person types in it.
  const [namesEdited, setNamesEdited] = useState(false);
  const defaults = defaultServerNames.join('\n');
  useEffect(() => {
    if (!namesEdited) setNames(defaults);
  }, [defaults, namesEdited]);
  const [https, setHttps] = useState(true);
  const [problems, setProblems] = useState<{ project?: string; names?: string }>({});
  const chosen = project || projects[0]?.name || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseServerNames(names);
    const next = {
      ...(chosen ? {} : { project: 'Choose a deploy project (create one on the Deploy page)' }),
      ...(parsed.problem ? { names: parsed.problem } : {}),
    };
    setProblems(next);
    if (next.project || next.names) return;
    onStart({ project: chosen, serverNames: parsed.names, https });
  };
  const running = progress !== null;
  const finished =
    progress !== null &&
    (progress.url !== null ||
      progress.deploy?.run.status === 'failed' ||
      progress.deploy?.run.status === 'succeeded' ||
      ['failed', 'cancelled'].includes(progress.publish.status));

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setNames(defaultServerNames.join('\n'));
          setNamesEdited(false);
          setProblems({});
          onOpen?.();
        }
        if (!o && finished) onReset();
      }}
    >
      <DialogTrigger asChild>
        {trigger ?? (
          <Button variant="outline" disabled={disabled} title={disabled ? disabledReason : undefined}>
            <ServerIcon aria-hidden /> Publish + Deploy
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-3xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Publish + Deploy</DialogTitle>
          <DialogDescription>
            Publishes the approved pages, then serves them from a server of a deploy project: nginx in front
            of the funnel proxy, on the funnel's own domains (or the server's IP and a port).
          </DialogDescription>
        </DialogHeader>
        {!running ? (
          <form id={`${id}-form`} className="grid gap-4" noValidate onSubmit={submit}>
            <FormField id={`${id}-project`} label="Deploy project" error={problems.project}>
              <NativeSelect
                id={`${id}-project`}
                value={chosen}
                onChange={(e) => setProject(e.target.value)}
                disabled={projects.length === 0}
                {...(problems.project
                  ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(`${id}-project`) }
                  : {})}
              >
                {projects.length === 0 ? (
                  <option value="">{loading ? 'Loading projects…' : 'No deploy project yet'}</option>
                ) : null}
                {projects.map((p) => (
                  <option key={p.id} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              id={`${id}-names`}
              label="Server names"
              error={problems.names}
              hint={
                defaultServerNames.length
                  ? 'The funnel’s verified domains; one per line. Empty: the server’s IP and a port.'
                  : 'One per line. Empty: served on the server’s IP and a port (no verified domain yet).'
              }
            >
              <Textarea
                id={`${id}-names`}
                rows={3}
                className="font-mono text-sm"
                value={names}
                placeholder="go.example.com"
                onChange={(e) => {
                  setNames(e.target.value);
                  setNamesEdited(true);
                }}
                {...(problems.names
                  ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(`${id}-names`) }
                  : {})}
              />
            </FormField>
            <label className="flex items-start gap-3 text-sm" htmlFor={`${id}-https`}>
              <input
                id={`${id}-https`}
                type="checkbox"
                className="mt-0.5 size-4 accent-[var(--color-primary)]"
                checked={https}
                onChange={(e) => setHttps(e.target.checked)}
              />
              <span>
                <span className="font-medium">HTTPS</span>
                <span className="block text-muted-foreground">
                  A Let's Encrypt certificate by certbot for the server names (they must point at the server).
                </span>
              </span>
            </label>
          </form>
        ) : (
          <section className="grid gap-4" aria-label="Publish + Deploy progress">
            <PublishLine publish={progress.publish} />
            {progress.deploy ? (
              <DeployRunPanel
                run={progress.deploy.run}
                logs={progress.deploy.logs}
                queue={progress.deploy.queue}
                title="Deploy"
              />
            ) : progress.publish.status === 'completed' ? (
              <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
                <LoaderCircleIcon className="size-4 animate-spin" aria-hidden /> Starting the deploy…
              </p>
            ) : null}
            {progress.url ? (
              <Button asChild className="justify-self-start">
                <a href={progress.url} target="_blank" rel="noreferrer">
                  <ExternalLinkIcon aria-hidden /> Open deployed page
                </a>
              </Button>
            ) : null}
          </section>
        )}
        {error ? (
          <p
            role="alert"
            className="rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm text-destructive"
          >
            {error}
          </p>
        ) : null}
        <DialogFooter>
          {running ? (
            <Button variant="outline" onClick={() => setOpen(false)}>
              {finished ? 'Close' : 'Hide (keeps running)'}
            </Button>
          ) : (
            <>
              <Button variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" form={`${id}-form`} disabled={starting || disabled}>
                <ServerIcon aria-hidden /> {starting ? 'Starting…' : 'Publish + Deploy'}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
