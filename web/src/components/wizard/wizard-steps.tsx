import { PlusIcon, Trash2Icon } from 'lucide-react';
import type { ReactNode } from 'react';
import { PricePointsEditor } from '@/components/offers/price-points-editor';
import { Button } from '@/components/ui/button';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { ChipsInput } from './chips-input';
import { Textarea } from './textarea';
import { type Errors, type OfferDraft, STEPS, type WizardValues } from './wizard-model';

/** The steps of the onboarding wizard, one component each; state lives in `useOnboardingWizard`. */

export const invalidProps = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(id) } : {};

export type Setter = <K extends keyof WizardValues>(k: K, v: WizardValues[K]) => void;

export function MarketsStep({ values, errors, set }: { values: WizardValues; errors: Errors; set: Setter }) {
  return (
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
  );
}

export function ConstraintsStep({
  values,
  errors,
  set,
}: {
  values: WizardValues;
  errors: Errors;
  set: Setter;
}) {
  return (
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
  );
}

export function FunnelStep({ values, errors, set }: { values: WizardValues; errors: Errors; set: Setter }) {
  return (
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
      <FormField id="wiz-goals" label="Goals" error={errors.goals} hint="e.g. CPA under €40 within 60 days">
        <Textarea
          id="wiz-goals"
          value={values.goals}
          onChange={(e) => set('goals', e.target.value)}
          {...invalidProps('wiz-goals', errors.goals)}
        />
      </FormField>
    </>
  );
}

export function BasicsStep({
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

export function OffersStep({
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
            <PricePointsEditor
              id={id}
              rows={o.pricePoints}
              onChange={(pricePoints) => setOffer(n, { pricePoints })}
              errorOf={(k) => errors[`offers.${n}.pricePoints.${k}`]}
              removeLabel={(k) => `Remove price point ${k + 1} of offer ${n + 1}`}
            />
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

export function ReviewStep({ values, onEdit }: { values: WizardValues; onEdit: (step: number) => void }) {
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
