import { PlusIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ClientSelect } from '@/components/campaigns/client-select';
import { useExperimentArms } from '@/components/funnels/experiment-arms';
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
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf, mapFieldErrors } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

const FIELDS = ['clientId', 'campaignId', 'experimentId', 'offerId', 'name'] as const;
type Field = (typeof FIELDS)[number];

/** A new funnel: for a client, optionally a campaign and one of its experiments, and the offer it sells. */
export function NewFunnelDialog({ defaultClientId = '' }: { defaultClientId?: string }) {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [clientId, setClientId] = useState(defaultClientId);
  const [campaignId, setCampaignId] = useState('');
  const [experimentId, setExperimentId] = useState('');
  const [offerId, setOfferId] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const campaigns = trpc.campaigns.list.useQuery(
    { clientId, limit: 100 },
    { enabled: open && Boolean(clientId), meta: { silent: true } },
  );
  const offers = trpc.offers.list.useQuery(
    { clientId, limit: 100 },
    { enabled: open && Boolean(clientId), meta: { silent: true } },
  );
  const arms = useExperimentArms(clientId, campaignId || null);
  const experiments = [
    ...new Map((arms.data ?? []).map((a) => [a.experimentId, a.experimentName])).entries(),
  ];

  const create = trpc.funnels.create.useMutation({
    meta: { silent: true },
    onSuccess: async (f) => {
      toast.success(`Funnel “${f.name}” created`);
      setOpen(false);
      await utils.funnels.list.invalidate();
      await navigate(`/funnels/${f.id}`);
    },
    onError: (err) => {
      const { errors: mapped, unmatched } = mapFieldErrors(fieldIssuesOf(err), FIELDS);
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || unmatched.length > 0) toast.error(errorMessage(err));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!clientId) local.clientId = 'is required';
    if (!name.trim()) local.name = 'is required';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    create.mutate({
      clientId,
      name: name.trim(),
      campaignId: campaignId || null,
      experimentId: experimentId || null,
      offerId: offerId || null,
    });
  };
  const invalid = (f: Field) =>
    errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(`funnel-${f}`) } : {};

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setErrors({});
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> New funnel
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>New funnel</DialogTitle>
          <DialogDescription>
            Tie the funnel to a campaign and experiment to test its pages as arms, and to the offer the pages
            sell.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={submit} className="grid gap-4" aria-label="New funnel">
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="funnel-clientId" label="Client" error={errors.clientId}>
              <ClientSelect
                id="funnel-clientId"
                value={clientId}
                onValueChange={(id) => {
                  setClientId(id);
                  setCampaignId('');
                  setExperimentId('');
                  setOfferId('');
                }}
                {...invalid('clientId')}
              />
            </FormField>
            <FormField id="funnel-name" label="Name" error={errors.name}>
              <Input
                id="funnel-name"
                placeholder="Spring serum launch"
                value={name}
                onChange={(e) => setName(e.target.value)}
                {...invalid('name')}
              />
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="funnel-campaignId" label="Campaign" error={errors.campaignId}>
              <NativeSelect
                id="funnel-campaignId"
                value={campaignId}
                disabled={!clientId}
                onChange={(e) => {
                  setCampaignId(e.target.value);
                  setExperimentId('');
                }}
                {...invalid('campaignId')}
              >
                <option value="">No campaign</option>
                {campaigns.data?.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="funnel-experimentId" label="Experiment" error={errors.experimentId}>
              <NativeSelect
                id="funnel-experimentId"
                value={experimentId}
                disabled={!campaignId || experiments.length === 0}
                onChange={(e) => setExperimentId(e.target.value)}
                {...invalid('experimentId')}
              >
                <option value="">
                  {campaignId && experiments.length === 0 ? 'No experiments yet' : 'No experiment'}
                </option>
                {experiments.map(([id, label]) => (
                  <option key={id} value={id}>
                    {label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          </div>
          <FormField id="funnel-offerId" label="Offer" error={errors.offerId}>
            <NativeSelect
              id="funnel-offerId"
              value={offerId}
              disabled={!clientId}
              onChange={(e) => setOfferId(e.target.value)}
              {...invalid('offerId')}
            >
              <option value="">No offer</option>
              {offers.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <DialogFooter className="mt-2">
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create funnel'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
