import {
  AD_VERTICALS,
  type AdVertical,
  SPECIAL_AD_CATEGORIES,
  type SpecialAdCategory,
} from '@mos/db/contracts';
import type { ComponentProps } from 'react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/native-select';
import { toast } from '@/components/ui/sonner';
import { errorMessage } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

/*
 * The compliance context a person declares: the client's ad vertical (which policy pack applies) and the campaign's
 * special ad category (credit, employment, housing, social issues). Compliance QA checks the copy against both.
 */

export const AD_VERTICAL_LABELS: Record<AdVertical, string> = {
  skincare: 'Skincare and beauty',
  supplements: 'Supplements',
  weight_loss: 'Weight loss',
  finance: 'Finance',
  b2b_saas: 'B2B software',
  ecommerce: 'E-commerce',
  coaching: 'Coaching and courses',
  real_estate: 'Real estate',
  recruiting: 'Recruiting',
  fitness: 'Fitness',
  other: 'Other',
};

export const SPECIAL_AD_CATEGORY_LABELS: Record<SpecialAdCategory, string> = {
  credit: 'Credit',
  employment: 'Employment',
  housing: 'Housing',
  social_issues: 'Social issues, elections or politics',
};

type SelectProps<T> = Omit<ComponentProps<'select'>, 'value' | 'onChange'> & {
  value: T | null;
  onValueChange: (value: T | null) => void;
};

/** The client's ad vertical; empty: derived from the free-text industry. */
export function AdVerticalSelect({ value, onValueChange, ...props }: SelectProps<AdVertical>) {
  return (
    <NativeSelect
      value={value ?? ''}
      onChange={(e) => onValueChange(e.target.value === '' ? null : (e.target.value as AdVertical))}
      {...props}
    >
      <option value="">Not set (from the industry)</option>
      {AD_VERTICALS.map((v) => (
        <option key={v} value={v}>
          {AD_VERTICAL_LABELS[v]}
        </option>
      ))}
    </NativeSelect>
  );
}

/** The campaign's special ad category; empty: none declared. */
export function SpecialAdCategorySelect({ value, onValueChange, ...props }: SelectProps<SpecialAdCategory>) {
  return (
    <NativeSelect
      value={value ?? ''}
      onChange={(e) => onValueChange(e.target.value === '' ? null : (e.target.value as SpecialAdCategory))}
      {...props}
    >
      <option value="">None</option>
      {SPECIAL_AD_CATEGORIES.map((c) => (
        <option key={c} value={c}>
          {SPECIAL_AD_CATEGORY_LABELS[c]}
        </option>
      ))}
    </NativeSelect>
  );
}

/** The campaign detail's special ad category: shown, and changed with campaigns.update by an operator. */
export function SpecialAdCategoryEditor({
  campaign,
  canEdit,
}: {
  campaign: { id: string; specialAdCategory?: SpecialAdCategory | null };
  canEdit: boolean;
}) {
  const utils = trpc.useUtils();
  const saved = campaign.specialAdCategory ?? null;
  const [value, setValue] = useState<SpecialAdCategory | null>(saved);
  const update = trpc.campaigns.update.useMutation({
    meta: { silent: true },
    onSuccess: async () => {
      toast.success('Special ad category saved');
      await utils.campaigns.get.invalidate({ id: campaign.id });
    },
    onError: (err) => toast.error(errorMessage(err)),
  });
  if (!canEdit)
    return (
      <div className="grid text-sm">
        <span className="text-xs text-muted-foreground">Special ad category</span>
        <span className="font-medium">{saved ? SPECIAL_AD_CATEGORY_LABELS[saved] : 'None'}</span>
      </div>
    );
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1 text-sm">
        <label htmlFor={`special-ad-category-${campaign.id}`} className="text-xs text-muted-foreground">
          Special ad category
        </label>
        <SpecialAdCategorySelect
          id={`special-ad-category-${campaign.id}`}
          className="w-64"
          value={value}
          onValueChange={setValue}
        />
      </div>
      <Button
        variant="outline"
        disabled={value === saved || update.isPending}
        onClick={() => update.mutate({ id: campaign.id, specialAdCategory: value })}
      >
        {update.isPending ? 'Saving…' : 'Save category'}
      </Button>
    </div>
  );
}
