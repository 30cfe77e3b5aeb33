import {
  clientMarketCodes,
  DECISION_METRIC_INFO,
  DECISION_METRICS,
  type DecisionMetricId,
  defaultMarketCurrency,
  type SpecialAdCategory,
} from '@mos/db/contracts';
import { PlusIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { SpecialAdCategorySelect } from '@/components/campaigns/ad-policy-fields';
import { ClientSelect, useClientOptions } from '@/components/campaigns/client-select';
import { MarketPicker } from '@/components/campaigns/market-picker';
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

const FIELDS = [
  'clientId',
  'name',
  'goalDescription',
  'objectiveType',
  'numericTarget',
  'baseline',
  'timeframeDays',
  'budgetMin',
  'budgetMax',
  'currency',
  'markets',
] as const;
type Field = (typeof FIELDS)[number];
type TextField = Exclude<Field, 'markets'>;
const NUMERIC: readonly TextField[] = [
  'numericTarget',
  'baseline',
  'timeframeDays',
  'budgetMin',
  'budgetMax',
];
const EMPTY = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<TextField, string>;

/** "" → null; anything else a number (NaN is left for the form check to name). */
const num = (s: string) => (s.trim() === '' ? null : Number(s));

/** The baseline as the API takes it: a rate metric is typed in percent (3.5) and sent as a fraction (0.035). */
function baselineOf(metric: DecisionMetricId, text: string) {
  const value = num(text);
  if (value === null) return null;
  return { metric, value: DECISION_METRIC_INFO[metric].format === 'percent' ? value / 100 : value };
}

export function NewCampaignDialog({ defaultClientId = '' }: { defaultClientId?: string }) {
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<TextField, string>>({ ...EMPTY, clientId: defaultClientId });
  /** Null until the person picks: then the chosen client's first market. */
  const [picked, setPicked] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  /** The special ad category declared for the campaign's ads (compliance QA checks the copy against it). */
  const [specialAdCategory, setSpecialAdCategory] = useState<SpecialAdCategory | null>(null);
  /** Which metric the baseline is a value of (the API refuses a bare number). */
  const [baselineMetric, setBaselineMetric] = useState<DecisionMetricId>('cvr');
  const baselineInPercent = DECISION_METRIC_INFO[baselineMetric].format === 'percent';
  const clients = useClientOptions();
  const clientMarkets = clients.data?.find((c) => c.id === values.clientId)?.primaryMarkets ?? [];
  const codes = clientMarketCodes(clientMarkets);
  const markets = picked ?? codes.slice(0, 1);
  const currency = values.currency.trim().toUpperCase() || defaultMarketCurrency(markets);

  const create = trpc.campaigns.create.useMutation({
    meta: { silent: true },
    onSuccess: async (c) => {
      toast.success(`Campaign “${c.name}” created`);
      setOpen(false);
      setValues({ ...EMPTY, clientId: defaultClientId });
      setPicked(null);
      setSpecialAdCategory(null);
      setBaselineMetric('cvr');
      await utils.campaigns.list.invalidate();
    },
    onError: (err) => {
      const { errors: mapped, unmatched } = mapFieldErrors(fieldIssuesOf(err), FIELDS);
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || unmatched.length > 0) toast.error(errorMessage(err));
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!values.clientId) local.clientId = 'is required';
    if (!values.name.trim()) local.name = 'is required';
    for (const f of NUMERIC) if (Number.isNaN(num(values[f]))) local[f] = 'must be a number';
    const base = num(values.baseline);
    if (!local.baseline && base !== null && base <= 0) local.baseline = 'must be greater than 0';
    if (!local.baseline && base !== null && baselineInPercent && base >= 100)
      local.baseline = 'is a rate: give it in percent, below 100';
    const min = num(values.budgetMin);
    const max = num(values.budgetMax);
    if (min !== null && max !== null && min > max) local.budgetMax = 'must be at least the minimum budget';
    if (codes.length > 0 && markets.length === 0) local.markets = 'choose at least one market';
    const cur = values.currency.trim().toUpperCase();
    if (cur !== '' && !/^[A-Z]{3}$/.test(cur)) local.currency = 'must be a currency code such as USD';
    setErrors(local);
    if (Object.keys(local).length === 0)
      create.mutate({
        clientId: values.clientId,
        name: values.name,
        goalDescription: values.goalDescription.trim() || null,
        objectiveType: values.objectiveType.trim() || null,
        numericTarget: num(values.numericTarget),
        baseline: baselineOf(baselineMetric, values.baseline),
        timeframeDays: num(values.timeframeDays),
        budgetMin: num(values.budgetMin),
        budgetMax: num(values.budgetMax),
        // A client without markets: the server records none ("the client's first market").
        ...(codes.length > 0 ? { markets } : {}),
        currency: cur || null,
        specialAdCategory,
      });
  }

  const field = (f: TextField) => ({
    id: `campaign-${f}`,
    value: values[f],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value })),
    ...(errors[f]
      ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(`campaign-${f}`) }
      : {}),
  });

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
          <PlusIcon aria-hidden />
          New campaign
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>New campaign</DialogTitle>
          <DialogDescription>
            The goal and numbers guide the strategy sheet MOS drafts when you plan the campaign.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="New campaign">
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="campaign-clientId" label="Client" error={errors.clientId}>
              <ClientSelect
                id="campaign-clientId"
                value={values.clientId}
                onValueChange={(id) => {
                  setValues((v) => ({ ...v, clientId: id }));
                  setPicked(null);
                }}
                {...(errors.clientId
                  ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId('campaign-clientId') }
                  : {})}
              />
            </FormField>
            <FormField id="campaign-name" label="Name" error={errors.name}>
              <Input placeholder="Q1 prospecting" {...field('name')} />
            </FormField>
          </div>
          <FormField id="campaign-goalDescription" label="Goal" error={errors.goalDescription}>
            <Input
              placeholder="Grow first purchases in DE at a sustainable CAC"
              {...field('goalDescription')}
            />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField
              id="campaign-objectiveType"
              label="Objective"
              error={errors.objectiveType}
              hint="e.g. purchases, leads, roas"
            >
              <Input placeholder="purchases" {...field('objectiveType')} />
            </FormField>
            <FormField id="campaign-numericTarget" label="Target" error={errors.numericTarget}>
              <Input inputMode="decimal" placeholder="500" {...field('numericTarget')} />
            </FormField>
            <FormField
              id="campaign-baseline"
              label={baselineInPercent ? 'Baseline (%)' : 'Baseline'}
              error={errors.baseline}
              hint="Today's value of the metric the tests are planned from"
            >
              <div className="flex gap-2">
                <NativeSelect
                  aria-label="Baseline metric"
                  className="w-40 shrink-0"
                  value={baselineMetric}
                  onChange={(e) => setBaselineMetric(e.target.value as DecisionMetricId)}
                >
                  {DECISION_METRICS.map((m) => (
                    <option key={m} value={m}>
                      {DECISION_METRIC_INFO[m].label}
                    </option>
                  ))}
                </NativeSelect>
                <Input
                  inputMode="decimal"
                  placeholder={baselineInPercent ? '3.5' : '42'}
                  {...field('baseline')}
                />
              </div>
            </FormField>
          </div>
          {values.clientId ? (
            <FormField
              id="campaign-markets"
              label="Markets"
              error={errors.markets}
              hint="Briefs and ads are written natively for each market, in its language and currency."
            >
              <MarketPicker
                id="campaign-markets"
                clientMarkets={clientMarkets}
                value={markets}
                onValueChange={setPicked}
                invalid={Boolean(errors.markets)}
                {...(errors.markets ? { describedBy: fieldErrorId('campaign-markets') } : {})}
              />
            </FormField>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-4">
            <FormField id="campaign-timeframeDays" label="Timeframe (days)" error={errors.timeframeDays}>
              <Input inputMode="numeric" placeholder="30" {...field('timeframeDays')} />
            </FormField>
            <FormField
              id="campaign-budgetMin"
              label={`Budget min${currency ? ` (${currency})` : ''}`}
              error={errors.budgetMin}
            >
              <Input inputMode="decimal" placeholder="5000" {...field('budgetMin')} />
            </FormField>
            <FormField
              id="campaign-budgetMax"
              label={`Budget max${currency ? ` (${currency})` : ''}`}
              error={errors.budgetMax}
            >
              <Input inputMode="decimal" placeholder="8000" {...field('budgetMax')} />
            </FormField>
            <FormField
              id="campaign-currency"
              label="Currency"
              error={errors.currency}
              hint={
                defaultMarketCurrency(markets)
                  ? `Default: ${defaultMarketCurrency(markets)}, the first market's`
                  : "Default: the first market's"
              }
            >
              <Input
                placeholder={defaultMarketCurrency(markets) ?? 'USD'}
                maxLength={3}
                {...field('currency')}
              />
            </FormField>
          </div>
          {/* Special ad category: one self-contained block. */}
          <FormField
            id="campaign-specialAdCategory"
            label="Special ad category"
            hint="Declare credit, employment, housing or social-issue ads; compliance QA checks the copy against it."
            className="sm:max-w-80"
          >
            <SpecialAdCategorySelect
              id="campaign-specialAdCategory"
              value={specialAdCategory}
              onValueChange={setSpecialAdCategory}
            />
          </FormField>
          <DialogFooter className="mt-2">
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create campaign'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
