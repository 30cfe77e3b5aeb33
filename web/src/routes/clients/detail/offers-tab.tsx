import { PackageIcon, PencilIcon, PlusIcon, Trash2Icon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { ListState } from '@/components/list/list-state';
import { type PriceDraft, PricePointsEditor, toCents } from '@/components/offers/price-points-editor';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/sonner';
import { ChipsInput } from '@/components/wizard/chips-input';
import { Textarea } from '@/components/wizard/textarea';
import { errorMessage, fieldIssuesOf } from '@/lib/errors';
import { type RouterOutputs, trpc } from '@/lib/trpc';
import { ConfirmDialog } from './confirm-dialog';
import { ListSkeleton } from './list-skeleton';

type Offer = RouterOutputs['offers']['list']['items'][number];

export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

export function OffersTab({ clientId }: { clientId: string }) {
  const utils = trpc.useUtils();
  const [editing, setEditing] = useState<Offer | 'new' | null>(null);
  const [removing, setRemoving] = useState<Offer | null>(null);
  const query = trpc.offers.list.useInfiniteQuery(
    { clientId, limit: 25 },
    { initialCursor: null, getNextPageParam: (last) => last.nextCursor, meta: { silent: true } },
  );
  const remove = trpc.offers.remove.useMutation({
    onSuccess: async () => {
      toast.success(`Offer “${removing?.name}” removed`);
      setRemoving(null);
      await utils.offers.list.invalidate();
    },
  });

  const add = (
    <Button onClick={() => setEditing('new')}>
      <PlusIcon /> New offer
    </Button>
  );

  return (
    <div className="grid gap-4">
      <ListState
        query={query}
        icon={PackageIcon}
        errorTitle="Offers could not be loaded"
        loading={<ListSkeleton label="Loading offers" rows={3} />}
        empty={{
          title: 'No offers yet',
          description:
            'Offers and their price points feed the canon and the compliance check of every asset.',
          action: add,
        }}
      >
        {(offers) => (
          <>
            <div className="flex justify-end">{add}</div>
            <div className="grid gap-4 md:grid-cols-2">
              {offers.map((o) => (
                <Card key={o.id}>
                  <CardHeader className="flex flex-row items-start justify-between gap-2">
                    <div className="min-w-0">
                      <CardTitle>{o.name}</CardTitle>
                      <CardDescription>{o.businessModel}</CardDescription>
                    </div>
                    <div className="flex shrink-0 gap-1">
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={`Edit ${o.name}`}
                        onClick={() => setEditing(o)}
                      >
                        <PencilIcon />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={`Remove ${o.name}`}
                        onClick={() => setRemoving(o)}
                      >
                        <Trash2Icon />
                      </Button>
                    </div>
                  </CardHeader>
                  <CardContent className="grid gap-3 text-sm">
                    {o.description ? <p className="text-muted-foreground">{o.description}</p> : null}
                    {o.pricePoints.length > 0 ? (
                      <ul className="divide-y rounded-md border" aria-label={`Price points of ${o.name}`}>
                        {o.pricePoints.map((p) => (
                          <li key={p.id} className="flex justify-between gap-2 px-3 py-2">
                            <span>{p.label}</span>
                            <span className="font-medium tabular-nums">
                              {formatMoney(p.amountCents, p.currency)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="text-muted-foreground">No price points</p>
                    )}
                    {o.differentiationBullets.length > 0 ? (
                      <div className="flex flex-wrap gap-1.5">
                        {o.differentiationBullets.map((b) => (
                          <Badge key={b} variant="secondary">
                            {b}
                          </Badge>
                        ))}
                      </div>
                    ) : null}
                    {o.guaranteeText ? <p className="text-xs">Guarantee: {o.guaranteeText}</p> : null}
                  </CardContent>
                </Card>
              ))}
            </div>
          </>
        )}
      </ListState>
      {editing ? (
        <OfferDialog
          clientId={clientId}
          offer={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={`Remove ${removing?.name ?? 'offer'}?`}
        description="The offer and its price points are deleted. Definition files already drafted keep their copy."
        confirmLabel="Remove"
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate({ id: removing.id })}
      />
    </div>
  );
}

function OfferDialog({
  clientId,
  offer,
  onClose,
}: {
  clientId: string;
  offer: Offer | null;
  onClose: () => void;
}) {
  const utils = trpc.useUtils();
  const [name, setName] = useState(offer?.name ?? '');
  const [businessModel, setBusinessModel] = useState(offer?.businessModel ?? '');
  const [description, setDescription] = useState(offer?.description ?? '');
  const [guarantee, setGuarantee] = useState(offer?.guaranteeText ?? '');
  const [bullets, setBullets] = useState<string[]>(offer?.differentiationBullets ?? []);
  const [prices, setPrices] = useState<PriceDraft[]>(
    offer?.pricePoints.map((p) => ({
      label: p.label,
      amount: (p.amountCents / 100).toFixed(2),
      currency: p.currency,
    })) ?? [],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});

  const opts = {
    meta: { silent: true },
    onSuccess: async () => {
      toast.success(offer ? 'Offer saved' : 'Offer created');
      onClose();
      await utils.offers.list.invalidate();
    },
    onError: (err: unknown) => {
      const mapped: Record<string, string> = {};
      for (const i of fieldIssuesOf(err)) {
        const key = i.path[0] === 'pricePoints' ? `pricePoints.${i.path[1]}` : String(i.path[0]);
        mapped[key] ??=
          i.path[0] === 'pricePoints' ? `${String(i.path[2] ?? '')} ${i.message}`.trim() : i.message;
      }
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) toast.error(errorMessage(err));
    },
  };
  const update = trpc.offers.update.useMutation(opts);
  const create = trpc.offers.create.useMutation(opts);
  const pending = update.isPending || create.isPending;
  const save = () => {
    const body = {
      name,
      businessModel,
      description: description.trim() || null,
      guaranteeText: guarantee.trim() || null,
      differentiationBullets: bullets,
      pricePoints: prices.map((p) => ({
        label: p.label,
        amountCents: toCents(p.amount),
        currency: p.currency.trim().toUpperCase(),
      })),
    };
    if (offer) update.mutate({ id: offer.id, ...body });
    else create.mutate({ clientId, ...body });
  };

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'is required';
    if (!businessModel.trim()) local.businessModel = 'is required';
    prices.forEach((p, i) => {
      if (!p.label.trim()) local[`pricePoints.${i}`] = 'Label is required';
      else if (Number.isNaN(toCents(p.amount))) local[`pricePoints.${i}`] = 'Amount must be like 49 or 49.90';
      else if (!/^[A-Z]{3}$/.test(p.currency.trim().toUpperCase()))
        local[`pricePoints.${i}`] = 'Currency must be a 3-letter code such as USD';
    });
    setErrors(local);
    if (Object.keys(local).length === 0) save();
  }

  const inv = (k: string, id: string) =>
    errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(id) } : {};

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{offer ? `Edit ${offer.name}` : 'New offer'}</DialogTitle>
          <DialogDescription>What the client sells and at which prices.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="offer-name" label="Name" error={errors.name}>
              <Input
                id="offer-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                {...inv('name', 'offer-name')}
              />
            </FormField>
            <FormField id="offer-model" label="Business model" error={errors.businessModel}>
              <Input
                id="offer-model"
                placeholder="subscription"
                value={businessModel}
                onChange={(e) => setBusinessModel(e.target.value)}
                {...inv('businessModel', 'offer-model')}
              />
            </FormField>
          </div>
          <FormField id="offer-description" label="Description" error={errors.description}>
            <Textarea
              id="offer-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </FormField>
          <FormField
            id="offer-bullets"
            label="Differentiation"
            error={errors.differentiationBullets}
            hint="Press Enter after each point"
          >
            <ChipsInput id="offer-bullets" value={bullets} onChange={setBullets} />
          </FormField>
          <FormField id="offer-guarantee" label="Guarantee" error={errors.guaranteeText}>
            <Input id="offer-guarantee" value={guarantee} onChange={(e) => setGuarantee(e.target.value)} />
          </FormField>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Price points</legend>
            <PricePointsEditor
              id="offer"
              rows={prices}
              onChange={setPrices}
              errorOf={(k) => errors[`pricePoints.${k}`]}
            />
          </fieldset>
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Saving…' : offer ? 'Save offer' : 'Create offer'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
