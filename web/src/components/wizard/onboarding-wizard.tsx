import { useQueryClient } from '@tanstack/react-query';
import { CheckIcon, PlusIcon, Trash2Icon } from 'lucide-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf } from '@/lib/errors';
import { api } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { ChipsInput } from './chips-input';
import { OnboardingIntake } from './schemas';
import { Textarea } from './textarea';
import {
  EMPTY_VALUES,
  type Errors,
  errorKey,
  errorsOfStep,
  type OfferDraft,
  STEPS,
  type StepId,
  stepOfKey,
  toCents,
  toClientCreate,
  toIntake,
  validateAll,
  type WizardValues,
} from './wizard-model';

export interface OnboardingWizardProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Onboard an existing client instead of creating one; its basics are then read-only. */
  client?: {
    id: string;
    name: string;
    industry: string | null;
    primaryMarkets: string[];
    primaryLanguages: string[];
  };
}

function codeOf(err: unknown): string | undefined {
  const data = (err as { data?: { code?: string } } | null)?.data;
  return data?.code;
}

const invalidProps = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(id) } : {};

export function OnboardingWizard({ open, onOpenChange, client }: OnboardingWizardProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const initial = (): WizardValues =>
    client
      ? {
          ...EMPTY_VALUES,
          name: client.name,
          industry: client.industry ?? '',
          primaryMarkets: client.primaryMarkets,
          primaryLanguages: client.primaryLanguages,
        }
      : EMPTY_VALUES;
  const [values, setValues] = useState<WizardValues>(initial);
  const [stepIndex, setStepIndex] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Kept across retries so a failed onboarding.start does not create the client (or its offers) twice.
  const [createdClientId, setCreatedClientId] = useState<string | null>(client?.id ?? null);
  const [savedOffers, setSavedOffers] = useState<ReadonlySet<number>>(new Set());

  const step = STEPS[stepIndex] ?? STEPS[0];
  const isNew = !client;
  const set = <K extends keyof WizardValues>(k: K, v: WizardValues[K]) => {
    setValues((prev) => ({ ...prev, [k]: v }));
    setErrors(({ [k]: _drop, ...rest }) => rest);
  };
  const setOffer = (n: number, patch: Partial<OfferDraft>) =>
    setValues((prev) => ({ ...prev, offers: prev.offers.map((o, i) => (i === n ? { ...o, ...patch } : o)) }));

  function reset() {
    setValues(initial());
    setStepIndex(0);
    setErrors({});
    setSubmitError(null);
    setCreatedClientId(client?.id ?? null);
    setSavedOffers(new Set());
  }

  function goTo(target: number) {
    // Forward only through valid steps; back is always allowed.
    if (target > stepIndex) {
      const all = validateAll(values, isNew && !createdClientId);
      for (let i = stepIndex; i < target; i++) {
        const id = STEPS[i]?.id as StepId;
        const own = errorsOfStep(all, id);
        if (Object.keys(own).length > 0) {
          setErrors(own);
          setStepIndex(i);
          return;
        }
      }
    }
    setErrors({});
    setSubmitError(null);
    setStepIndex(target);
  }

  /** Server field errors go onto their step and field; the earliest such step is opened. */
  function showServerErrors(err: unknown, prefix: 'intake' | 'client' | { offer: number }): boolean {
    const mapped: Errors = {};
    for (const issue of fieldIssuesOf(err)) {
      let path: (string | number)[] = issue.path;
      if (prefix === 'intake' && path[0] === 'intake') path = path.slice(1);
      const key = typeof prefix === 'object' ? `offers.${prefix.offer}` : errorKey(path);
      if (stepOfKey(key))
        mapped[key] ??= typeof prefix === 'object' ? `${path.join('.')}: ${issue.message}` : issue.message;
    }
    const keys = Object.keys(mapped);
    if (keys.length === 0) return false;
    const first = STEPS.findIndex((s) => keys.some((k) => stepOfKey(k) === s.id));
    setErrors(mapped);
    setStepIndex(first);
    return true;
  }

  async function submit() {
    const all = validateAll(values, isNew && !createdClientId);
    const firstBad = STEPS.findIndex((s) => Object.keys(errorsOfStep(all, s.id)).length > 0);
    if (firstBad >= 0) {
      setErrors(errorsOfStep(all, STEPS[firstBad]?.id as StepId));
      setStepIndex(firstBad);
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    let stage: 'client' | 'intake' | { offer: number } = 'client';
    try {
      let clientId = createdClientId;
      if (!clientId) {
        const created = await api.clients.create.mutate(toClientCreate(values));
        clientId = created.id;
        setCreatedClientId(clientId);
        await queryClient.invalidateQueries({ queryKey: ['clients.list'] });
      }
      const saved = new Set(savedOffers);
      for (const [n, o] of values.offers.entries()) {
        if (o.pricePoints.length === 0 || saved.has(n)) continue;
        stage = { offer: n };
        await api.offers.create.mutate({
          clientId,
          name: o.name.trim(),
          businessModel: o.businessModel.trim(),
          pricePoints: o.pricePoints.map((p) => ({
            label: p.label.trim(),
            amountCents: toCents(p.amount),
            currency: p.currency.trim().toUpperCase(),
          })),
        });
        saved.add(n);
        setSavedOffers(new Set(saved));
      }
      stage = 'intake';
      await api.onboarding.start.mutate({ clientId, intake: OnboardingIntake.parse(toIntake(values)) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['workflows.list'] }),
        queryClient.invalidateQueries({ queryKey: ['offers.list'] }),
      ]);
      toast.success(`Onboarding started for “${values.name.trim()}”`, {
        description: 'MOS is researching the business; the canon will wait for your review.',
      });
      onOpenChange(false);
      reset();
      void navigate(`/clients/${clientId}`);
    } catch (err) {
      if (codeOf(err) === 'UNAUTHORIZED') {
        toast.error('Your session ended. Please sign in again.');
      } else if (codeOf(err) === 'FORBIDDEN') {
        setSubmitError(
          stage === 'intake'
            ? 'Starting onboarding needs the operator or admin role. Ask an admin of your organization to start it, or to change your role.'
            : `You are not allowed to do this: ${errorMessage(err)}`,
        );
      } else if (!showServerErrors(err, stage)) {
        setSubmitError(errorMessage(err));
        toast.error(errorMessage(err));
      }
    } finally {
      setSubmitting(false);
    }
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (step.id === 'review') void submit();
    else goTo(stepIndex + 1);
  }

  const progress = Math.round(((stepIndex + 1) / STEPS.length) * 100);

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o && !submitting) setErrors({});
      }}
    >
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{client ? `Onboard ${client.name}` : 'New client'}</DialogTitle>
          <DialogDescription>
            Tell MOS about the business. It researches the market and drafts the canon and metric schema for
            your review.
          </DialogDescription>
        </DialogHeader>

        <div className="space-y-3">
          <div
            role="progressbar"
            aria-label="Onboarding progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress}
            aria-valuetext={`Step ${stepIndex + 1} of ${STEPS.length}: ${step.title}`}
            className="h-1.5 overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full bg-primary transition-all" style={{ width: `${progress}%` }} />
          </div>
          <ol className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Steps">
            {STEPS.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  onClick={() => goTo(i)}
                  aria-current={i === stepIndex ? 'step' : undefined}
                  className={cn(
                    'inline-flex items-center gap-1 rounded px-1 py-0.5 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                    i === stepIndex
                      ? 'font-semibold text-foreground'
                      : 'text-muted-foreground hover:text-foreground',
                  )}
                >
                  {i < stepIndex ? <CheckIcon className="size-3 text-success" aria-hidden /> : `${i + 1}.`}{' '}
                  {s.title}
                </button>
              </li>
            ))}
          </ol>
        </div>

        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <h3 className="text-base font-semibold">{step.title}</h3>
          {step.id === 'basics' ? (
            <BasicsStep values={values} errors={errors} set={set} readOnlyClient={!isNew} />
          ) : step.id === 'markets' ? (
            <>
              <FormField
                id="wiz-primaryMarkets"
                label="Primary markets"
                error={errors.primaryMarkets}
                hint="Press Enter or comma after each, e.g. US, DE, United Kingdom"
              >
                <ChipsInput
                  id="wiz-primaryMarkets"
                  value={values.primaryMarkets}
                  onChange={(v) => set('primaryMarkets', v)}
                  placeholder="US, DE"
                  invalid={Boolean(errors.primaryMarkets)}
                />
              </FormField>
              <FormField
                id="wiz-primaryLanguages"
                label="Languages"
                error={errors.primaryLanguages}
                hint="Languages the ads are written in, e.g. en, de"
              >
                <ChipsInput
                  id="wiz-primaryLanguages"
                  value={values.primaryLanguages}
                  onChange={(v) => set('primaryLanguages', v)}
                  placeholder="en, de"
                  invalid={Boolean(errors.primaryLanguages)}
                />
              </FormField>
            </>
          ) : step.id === 'offers' ? (
            <OffersStep
              values={values}
              errors={errors}
              setOffer={setOffer}
              setOffers={(offers) => set('offers', offers)}
            />
          ) : step.id === 'constraints' ? (
            <>
              <FormField
                id="wiz-constraints"
                label="Constraints"
                error={errors.constraints}
                hint="Legal, compliance, claims you cannot make, topics to avoid"
              >
                <Textarea
                  id="wiz-constraints"
                  value={values.constraints}
                  onChange={(e) => set('constraints', e.target.value)}
                  {...invalidProps('wiz-constraints', errors.constraints)}
                />
              </FormField>
              <FormField
                id="wiz-competitorDomains"
                label="Competitor domains"
                error={errors.competitorDomains}
                hint="Bare domains like rival.com"
              >
                <ChipsInput
                  id="wiz-competitorDomains"
                  value={values.competitorDomains}
                  onChange={(v) => set('competitorDomains', v)}
                  placeholder="rival.com"
                  normalize={(s) => s.toLowerCase()}
                  invalid={Boolean(errors.competitorDomains)}
                />
              </FormField>
            </>
          ) : step.id === 'funnel' ? (
            <>
              <FormField
                id="wiz-businessModel"
                label="Business model"
                error={errors.businessModel}
                hint="e.g. subscription, one-time purchase, lead generation"
              >
                <Input
                  id="wiz-businessModel"
                  value={values.businessModel}
                  onChange={(e) => set('businessModel', e.target.value)}
                  {...invalidProps('wiz-businessModel', errors.businessModel)}
                />
              </FormField>
              <FormField id="wiz-funnelNotes" label="Funnel notes" error={errors.funnelNotes}>
                <Textarea
                  id="wiz-funnelNotes"
                  value={values.funnelNotes}
                  onChange={(e) => set('funnelNotes', e.target.value)}
                  {...invalidProps('wiz-funnelNotes', errors.funnelNotes)}
                />
              </FormField>
              <FormField
                id="wiz-goals"
                label="Goals"
                error={errors.goals}
                hint="e.g. CPA under €40 within 60 days"
              >
                <Textarea
                  id="wiz-goals"
                  value={values.goals}
                  onChange={(e) => set('goals', e.target.value)}
                  {...invalidProps('wiz-goals', errors.goals)}
                />
              </FormField>
            </>
          ) : (
            <ReviewStep values={values} onEdit={(i) => goTo(i)} />
          )}

          {submitError ? (
            <p
              role="alert"
              className="rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
            >
              {submitError}
            </p>
          ) : null}

          <div className="mt-2 flex flex-col-reverse gap-2 border-t pt-4 sm:flex-row sm:justify-between">
            <Button
              variant="outline"
              onClick={() => (stepIndex === 0 ? onOpenChange(false) : goTo(stepIndex - 1))}
            >
              {stepIndex === 0 ? 'Cancel' : 'Back'}
            </Button>
            <Button type="submit" disabled={submitting}>
              {step.id === 'review' ? (submitting ? 'Starting…' : 'Start onboarding') : 'Next'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

type Setter = <K extends keyof WizardValues>(k: K, v: WizardValues[K]) => void;

function BasicsStep({
  values,
  errors,
  set,
  readOnlyClient,
}: {
  values: WizardValues;
  errors: Errors;
  set: Setter;
  readOnlyClient: boolean;
}) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="wiz-name" label="Client name" error={errors.name}>
          <Input
            id="wiz-name"
            autoFocus
            value={values.name}
            readOnly={readOnlyClient}
            onChange={(e) => set('name', e.target.value)}
            {...invalidProps('wiz-name', errors.name)}
          />
        </FormField>
        <FormField id="wiz-industry" label="Industry" error={errors.industry}>
          <Input
            id="wiz-industry"
            placeholder="DTC beauty"
            value={values.industry}
            readOnly={readOnlyClient}
            onChange={(e) => set('industry', e.target.value)}
            {...invalidProps('wiz-industry', errors.industry)}
          />
        </FormField>
      </div>
      <FormField id="wiz-businessType" label="Business type" error={errors.businessType}>
        <NativeSelect
          id="wiz-businessType"
          value={values.businessType}
          onChange={(e) => set('businessType', e.target.value as WizardValues['businessType'])}
        >
          <option value="new">New business (no sales history yet)</option>
          <option value="existing">Existing business</option>
        </NativeSelect>
      </FormField>
      <FormField
        id="wiz-brandStory"
        label="Brand story"
        error={errors.brandStory}
        hint="Who they are, what they sell, why customers buy. At least 10 characters."
      >
        <Textarea
          id="wiz-brandStory"
          className="min-h-32"
          value={values.brandStory}
          onChange={(e) => set('brandStory', e.target.value)}
          {...invalidProps('wiz-brandStory', errors.brandStory)}
        />
      </FormField>
    </>
  );
}

function OffersStep({
  values,
  errors,
  setOffer,
  setOffers,
}: {
  values: WizardValues;
  errors: Errors;
  setOffer: (n: number, patch: Partial<OfferDraft>) => void;
  setOffers: (offers: OfferDraft[]) => void;
}) {
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        Name at least one offer. Add price points to also save it as a product offer with its prices.
      </p>
      {errors.offers ? (
        <p role="alert" className="text-xs font-medium text-destructive">
          {errors.offers}
        </p>
      ) : null}
      {values.offers.map((o, n) => {
        const id = `wiz-offer-${n}`;
        const rowError = errors[`offers.${n}`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: offers are edited in place by position
          <fieldset key={n} className="grid gap-3 rounded-md border p-4">
            <legend className="px-1 text-xs font-medium text-muted-foreground">Offer {n + 1}</legend>
            <div className="flex items-start gap-2">
              <FormField id={id} label="Offer name" error={rowError} className="flex-1">
                <Input
                  id={id}
                  value={o.name}
                  placeholder="Starter kit"
                  onChange={(e) => setOffer(n, { name: e.target.value })}
                  {...invalidProps(id, rowError)}
                />
              </FormField>
              {values.offers.length > 1 ? (
                <Button
                  variant="ghost"
                  size="icon"
                  className="mt-6"
                  aria-label={`Remove offer ${n + 1}`}
                  onClick={() => setOffers(values.offers.filter((_, i) => i !== n))}
                >
                  <Trash2Icon />
                </Button>
              ) : null}
            </div>
            {o.pricePoints.length > 0 ? (
              <FormField
                id={`${id}-model`}
                label="Offer business model"
                error={errors[`offers.${n}.businessModel`]}
                hint="e.g. subscription"
              >
                <Input
                  id={`${id}-model`}
                  value={o.businessModel}
                  onChange={(e) => setOffer(n, { businessModel: e.target.value })}
                  {...invalidProps(`${id}-model`, errors[`offers.${n}.businessModel`])}
                />
              </FormField>
            ) : null}
            {o.pricePoints.map((p, k) => {
              const pid = `${id}-price-${k}`;
              const err = errors[`offers.${n}.pricePoints.${k}`];
              const update = (patch: Partial<typeof p>) =>
                setOffer(n, { pricePoints: o.pricePoints.map((q, i) => (i === k ? { ...q, ...patch } : q)) });
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: price rows are edited in place by position
                <div key={k} className="grid gap-1">
                  <div className="grid grid-cols-[1fr_7rem_5rem_auto] items-end gap-2">
                    <FormField id={`${pid}-label`} label="Price label">
                      <Input
                        id={`${pid}-label`}
                        value={p.label}
                        placeholder="Monthly"
                        onChange={(e) => update({ label: e.target.value })}
                      />
                    </FormField>
                    <FormField id={`${pid}-amount`} label="Amount">
                      <Input
                        id={`${pid}-amount`}
                        inputMode="decimal"
                        value={p.amount}
                        placeholder="49.00"
                        onChange={(e) => update({ amount: e.target.value })}
                      />
                    </FormField>
                    <FormField id={`${pid}-currency`} label="Currency">
                      <Input
                        id={`${pid}-currency`}
                        value={p.currency}
                        maxLength={3}
                        placeholder="USD"
                        onChange={(e) => update({ currency: e.target.value.toUpperCase() })}
                      />
                    </FormField>
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove price point ${k + 1} of offer ${n + 1}`}
                      onClick={() => setOffer(n, { pricePoints: o.pricePoints.filter((_, i) => i !== k) })}
                    >
                      <Trash2Icon />
                    </Button>
                  </div>
                  {err ? (
                    <p role="alert" className="text-xs font-medium text-destructive">
                      {err}
                    </p>
                  ) : null}
                </div>
              );
            })}
            <div>
              <Button
                variant="ghost"
                size="sm"
                onClick={() =>
                  setOffer(n, { pricePoints: [...o.pricePoints, { label: '', amount: '', currency: 'USD' }] })
                }
              >
                <PlusIcon /> Add price point
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <Button
          variant="outline"
          size="sm"
          disabled={values.offers.length >= 20}
          onClick={() => setOffers([...values.offers, { name: '', businessModel: '', pricePoints: [] }])}
        >
          <PlusIcon /> Add offer
        </Button>
      </div>
    </div>
  );
}

function Summary({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[10rem_1fr]">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="break-words whitespace-pre-wrap">{children || '—'}</dd>
    </div>
  );
}

function ReviewStep({ values, onEdit }: { values: WizardValues; onEdit: (step: number) => void }) {
  const sections: { step: number; rows: [string, ReactNode][] }[] = [
    {
      step: 0,
      rows: [
        ['Client name', values.name],
        ['Industry', values.industry],
        ['Business type', values.businessType === 'new' ? 'New business' : 'Existing business'],
        ['Brand story', values.brandStory],
      ],
    },
    {
      step: 1,
      rows: [
        ['Primary markets', values.primaryMarkets.join(', ')],
        ['Languages', values.primaryLanguages.join(', ')],
      ],
    },
    {
      step: 2,
      rows: [
        [
          'Offers',
          values.offers
            .map((o) =>
              o.pricePoints.length
                ? `${o.name} (${o.pricePoints.map((p) => `${p.label} ${p.amount} ${p.currency}`).join(', ')})`
                : o.name,
            )
            .join('\n'),
        ],
      ],
    },
    {
      step: 3,
      rows: [
        ['Constraints', values.constraints],
        ['Competitor domains', values.competitorDomains.join(', ')],
      ],
    },
    {
      step: 4,
      rows: [
        ['Business model', values.businessModel],
        ['Funnel notes', values.funnelNotes],
        ['Goals', values.goals],
      ],
    },
  ];
  return (
    <div className="divide-y rounded-md border">
      {sections.map((s) => (
        <section key={s.step} className="grid gap-2 p-4 text-sm">
          <div className="flex items-center justify-between">
            <h4 className="font-medium">{STEPS[s.step]?.title}</h4>
            <Button variant="link" size="sm" className="h-auto p-0" onClick={() => onEdit(s.step)}>
              Edit {STEPS[s.step]?.title.toLowerCase()}
            </Button>
          </div>
          <dl className="grid gap-2">
            {s.rows.map(([label, value]) => (
              <Summary key={label} label={label}>
                {value}
              </Summary>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
