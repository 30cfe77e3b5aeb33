import type { AdVertical } from '@mos/db/contracts';
import { ArchiveIcon, RocketIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { AdVerticalSelect } from '@/components/campaigns/ad-policy-fields';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { toast } from '@/components/ui/sonner';
import { ChipsInput } from '@/components/wizard/chips-input';
import { OnboardingWizard } from '@/components/wizard/onboarding-wizard';
import { errorMessage, fieldIssuesOf, mapFieldErrors } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { type RouterOutputs, trpc } from '@/lib/trpc';
import { ConfirmDialog } from './confirm-dialog';

type Client = RouterOutputs['clients']['get'];
const FIELDS = ['name', 'industry', 'adVertical', 'primaryMarkets', 'primaryLanguages', 'status'] as const;
type Field = (typeof FIELDS)[number];

export function OverviewTab({ client }: { client: Client }) {
  const utils = trpc.useUtils();
  const [name, setName] = useState(client.name);
  const [industry, setIndustry] = useState(client.industry ?? '');
  const [adVertical, setAdVertical] = useState<AdVertical | null>(client.adVertical ?? null);
  const [markets, setMarkets] = useState(client.primaryMarkets);
  const [languages, setLanguages] = useState(client.primaryLanguages);
  const [status, setStatus] = useState(client.status);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [wizardOpen, setWizardOpen] = useState(false);

  const refresh = () =>
    Promise.all([utils.clients.get.invalidate({ id: client.id }), utils.clients.list.invalidate()]);

  const update = trpc.clients.update.useMutation({
    meta: { silent: true },
    onSuccess: async () => {
      setErrors({});
      toast.success('Client saved');
      await refresh();
    },
    onError: (err) => {
      const { errors: mapped, unmatched } = mapFieldErrors(fieldIssuesOf(err), FIELDS);
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || unmatched.length > 0) toast.error(errorMessage(err));
    },
  });

  const archive = trpc.clients.archive.useMutation({
    onSuccess: async () => {
      setConfirmArchive(false);
      setStatus('archived');
      toast.success(`“${client.name}” archived`);
      await refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'is required' });
      return;
    }
    update.mutate({
      id: client.id,
      name,
      industry: industry.trim() || null,
      adVertical,
      primaryMarkets: markets,
      primaryLanguages: languages,
      status,
    });
  }

  const invalid = (f: Field) =>
    errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(`ov-${f}`) } : {};

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <Card>
        <CardHeader>
          <CardTitle>Client details</CardTitle>
          <CardDescription>Used by every workflow that runs for this client.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField id="ov-name" label="Name" error={errors.name}>
                <Input
                  id="ov-name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  {...invalid('name')}
                />
              </FormField>
              <FormField id="ov-industry" label="Industry" error={errors.industry}>
                <Input
                  id="ov-industry"
                  value={industry}
                  onChange={(e) => setIndustry(e.target.value)}
                  {...invalid('industry')}
                />
              </FormField>
            </div>
            <FormField
              id="ov-adVertical"
              label="Ad vertical"
              error={errors.adVertical}
              hint="Which ad-policy pack compliance QA applies (health, finance, jobs, housing…)."
              className="sm:max-w-80"
            >
              <AdVerticalSelect
                id="ov-adVertical"
                value={adVertical}
                onValueChange={setAdVertical}
                {...invalid('adVertical')}
              />
            </FormField>
            <FormField id="ov-primaryMarkets" label="Primary markets" error={errors.primaryMarkets}>
              <ChipsInput
                id="ov-primaryMarkets"
                value={markets}
                onChange={setMarkets}
                placeholder="US, DE"
                invalid={Boolean(errors.primaryMarkets)}
              />
            </FormField>
            <FormField id="ov-primaryLanguages" label="Languages" error={errors.primaryLanguages}>
              <ChipsInput
                id="ov-primaryLanguages"
                value={languages}
                onChange={setLanguages}
                placeholder="en, de"
                invalid={Boolean(errors.primaryLanguages)}
              />
            </FormField>
            <FormField id="ov-status" label="Status" error={errors.status} className="sm:max-w-60">
              <NativeSelect
                id="ov-status"
                value={status}
                onChange={(e) => setStatus(e.target.value as Client['status'])}
              >
                <option value="active">Active</option>
                <option value="paused">Paused</option>
                <option value="archived">Archived</option>
              </NativeSelect>
            </FormField>
            <div className="flex justify-end">
              <Button type="submit" disabled={update.isPending}>
                {update.isPending ? 'Saving…' : 'Save changes'}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>

      <div className="grid content-start gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Onboarding</CardTitle>
            <CardDescription>Research the business and draft its canon and metric schema.</CardDescription>
          </CardHeader>
          <CardContent>
            <Button variant="outline" className="w-full" onClick={() => setWizardOpen(true)}>
              <RocketIcon /> Start onboarding
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Record</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-2 text-sm">
              <div className="flex justify-between gap-2">
                <dt className="text-muted-foreground">Created</dt>
                <dd>{formatDate(client.createdAt)}</dd>
              </div>
              <div className="flex justify-between gap-2">
                <dt className="text-muted-foreground">Updated</dt>
                <dd>{formatDate(client.updatedAt)}</dd>
              </div>
              <div className="grid gap-1">
                <dt className="text-muted-foreground">ID</dt>
                <dd className="font-mono text-xs break-all">{client.id}</dd>
              </div>
            </dl>
            {client.status !== 'archived' ? (
              <Button
                variant="outline"
                className="mt-4 w-full text-destructive"
                onClick={() => setConfirmArchive(true)}
              >
                <ArchiveIcon /> Archive client
              </Button>
            ) : null}
          </CardContent>
        </Card>
      </div>

      <ConfirmDialog
        open={confirmArchive}
        onOpenChange={setConfirmArchive}
        title={`Archive ${client.name}?`}
        description="Archived clients leave the active list. Their definition files, campaigns and runs are kept, and you can set the status back to active at any time."
        confirmLabel="Archive"
        pending={archive.isPending}
        onConfirm={() => archive.mutate({ id: client.id })}
      />
      <OnboardingWizard open={wizardOpen} onOpenChange={setWizardOpen} client={client} />
    </div>
  );
}
