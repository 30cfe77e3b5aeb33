import { PlusIcon, Trash2Icon } from 'lucide-react';
import type { ReactNode } from 'react';
import { AD_VERTICAL_LABELS, AdVerticalSelect } from '@/components/campaigns/ad-policy-fields';
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

interface StepProps {
  values: WizardValues;
  errors: Errors;
  set: Setter;
}

type KeysOf<T> = { [K in keyof WizardValues]: WizardValues[K] extends T ? K : never }[keyof WizardValues];

interface FieldProps<K> extends StepProps {
  name: K;
  label: string;
  hint?: string;
}

/** One text field of the wizard, bound to its value, its error and its id (`wiz-<name>`). */
function TextField({
  name,
  label,
  hint,
  values,
  errors,
  set,
  multiline = false,
  ...input
}: FieldProps<KeysOf<string> & keyof Errors> & {
  multiline?: boolean;
  className?: string;
  placeholder?: string;
  readOnly?: boolean;
  autoFocus?: boolean;
}) {
  const id = `wiz-${name}`;
  const error = errors[name];
  const props = { id, value: values[name], ...input, ...invalidProps(id, error) };
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      {multiline ? (
        <Textarea {...props} onChange={(e) => set(name, e.target.value)} />
      ) : (
        <Input {...props} onChange={(e) => set(name, e.target.value)} />
      )}
    </FormField>
  );
}

/** One list field of the wizard (chips: Enter or comma after each), bound like TextField. */
function ChipsField({
  name,
  label,
  hint,
  values,
  errors,
  set,
  placeholder,
  normalize,
}: FieldProps<KeysOf<string[]> & keyof Errors> & { placeholder: string; normalize?: (s: string) => string }) {
  const id = `wiz-${name}`;
  return (
    <FormField id={id} label={label} error={errors[name]} hint={hint}>
      <ChipsInput
        id={id}
        value={values[name]}
        onChange={(v) => set(name, v)}
        placeholder={placeholder}
        invalid={Boolean(errors[name])}
        {...(normalize ? { normalize } : {})}
      />
    </FormField>
  );
}

export function MarketsStep(p: StepProps) {
  return (
    <>
      <ChipsField
        {...p}
        name="primaryMarkets"
        label="Primary markets"
        hint="Press Enter or comma after each, e.g. US, DE, United Kingdom"
        placeholder="US, DE"
      />
      <ChipsField
        {...p}
        name="primaryLanguages"
        label="Languages"
        hint="Languages the ads are written in, e.g. en, de"
        placeholder="en, de"
      />
    </>
  );
}

export function ConstraintsStep(p: StepProps) {
  return (
    <>
      <TextField
        {...p}
        multiline
        name="constraints"
        label="Constraints"
        hint="Legal, compliance, claims you cannot make, topics to avoid"
      />
      <ChipsField
        {...p}
        name="competitorDomains"
        label="Competitor domains"
        hint="Bare domains like rival.com"
        placeholder="rival.com"
        normalize={(s) => s.toLowerCase()}
      />
    </>
  );
}

export function FunnelStep(p: StepProps) {
  return (
    <>
      <TextField
        {...p}
        name="businessModel"
        label="Business model"
        hint="e.g. subscription, one-time purchase, lead generation"
      />
      <TextField {...p} multiline name="funnelNotes" label="Funnel notes" />
      <TextField {...p} multiline name="goals" label="Goals" hint="e.g. CPA under €40 within 60 days" />
    </>
  );
}

export function BasicsStep({ readOnlyClient, ...p }: StepProps & { readOnlyClient: boolean }) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...p} name="name" label="Client name" autoFocus readOnly={readOnlyClient} />
        <TextField
          {...p}
          name="industry"
          label="Industry"
          placeholder="DTC beauty"
          readOnly={readOnlyClient}
        />
      </div>
      <FormField
        id="wiz-adVertical"
        label="Ad vertical"
        error={p.errors.adVertical}
        hint="Which ad-policy pack compliance QA applies; not set: derived from the industry."
      >
        <AdVerticalSelect
          id="wiz-adVertical"
          value={p.values.adVertical || null}
          onValueChange={(v) => p.set('adVertical', v ?? '')}
          disabled={readOnlyClient}
        />
      </FormField>
      <FormField id="wiz-businessType" label="Business type" error={p.errors.businessType}>
        <NativeSelect
          id="wiz-businessType"
          value={p.values.businessType}
          onChange={(e) => p.set('businessType', e.target.value as WizardValues['businessType'])}
        >
          <option value="new">New business (no sales history yet)</option>
          <option value="existing">Existing business</option>
        </NativeSelect>
      </FormField>
      <TextField
        {...p}
        multiline
        className="min-h-32"
        name="brandStory"
        label="Brand story"
        hint="Who they are, what they sell, why customers buy. At least 10 characters."
      />
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
        ['Ad vertical', values.adVertical ? AD_VERTICAL_LABELS[values.adVertical] : 'Not set'],
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
