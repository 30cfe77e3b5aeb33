import { PencilIcon, PlusIcon, SplitIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
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
import { NativeSelect } from '@/components/ui/native-select';
import { armKey, type ExperimentArm } from './experiment-arms';
import type { FunnelPageRow, VariantView } from './types';
import { parseWeight, trafficShares, weightsNote } from './weights';

const pct = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

export interface NewVariant {
  pageId: string;
  name: string;
  experimentId: string;
  experimentVariantId: string;
  weight: number;
}

/** One variant's weight, edited in place: saved on blur or Enter when it is a valid weight. */
function WeightField({
  variant,
  disabled,
  onSave,
}: {
  variant: VariantView;
  disabled: boolean;
  onSave: (weight: number) => void;
}) {
  const [text, setText] = useState(String(variant.weight));
  const parsed = parseWeight(text);
  const id = `weight-${variant.id}`;
  const commit = () => {
    if (parsed.ok && parsed.value !== variant.weight) onSave(parsed.value);
  };
  return (
    <div className="grid gap-1">
      <Input
        id={id}
        className="w-24"
        inputMode="numeric"
        aria-label={`Weight of ${variant.name}`}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        {...(parsed.ok ? {} : { 'aria-invalid': true, 'aria-describedby': fieldErrorId(id) })}
      />
      {parsed.ok ? null : (
        <p id={fieldErrorId(id)} role="alert" className="text-xs font-medium text-destructive">
          Weight {parsed.error}
        </p>
      )}
    </div>
  );
}

export function NewVariantDialog({
  pages,
  arms,
  pending,
  onCreate,
}: {
  pages: readonly Pick<FunnelPageRow, 'id' | 'name'>[];
  arms: readonly ExperimentArm[];
  pending: boolean;
  onCreate: (v: NewVariant) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [pageId, setPageId] = useState('');
  const [name, setName] = useState('');
  const [arm, setArm] = useState('');
  const [weight, setWeight] = useState('50');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const w = parseWeight(weight);
    const local: Record<string, string> = {};
    if (!pageId) local.page = 'Choose a page';
    if (!name.trim()) local.name = 'Name is required';
    if (!w.ok) local.weight = `Weight ${w.error}`;
    const chosen = arms.find((a) => armKey(a) === arm);
    if (!chosen) local.arm = 'Choose the experiment arm this variant tests';
    setErrors(local);
    if (Object.keys(local).length > 0 || !w.ok || !chosen) return;
    await onCreate({
      pageId,
      name: name.trim(),
      experimentId: chosen.experimentId,
      experimentVariantId: chosen.variantId,
      weight: w.value,
    });
    setOpen(false);
    setName('');
    setArm('');
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" disabled={pages.length === 0}>
          <PlusIcon aria-hidden /> New variant
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New variant</DialogTitle>
          <DialogDescription>
            A variant of a page for an A/B test, tied to an arm of the campaign’s experiment. Visitors get one
            variant by weight, the same one on every visit.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" noValidate onSubmit={(e) => void onSubmit(e)} aria-label="New variant">
          <FormField id="variant-page" label="Page" error={errors.page}>
            <NativeSelect id="variant-page" value={pageId} onChange={(e) => setPageId(e.target.value)}>
              <option value="">Choose a page</option>
              {pages.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="variant-name" label="Name" error={errors.name}>
            <Input id="variant-name" value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormField
            id="variant-arm"
            label="Experiment arm"
            error={errors.arm}
            hint={arms.length === 0 ? 'The funnel’s campaign has no experiment spec yet.' : undefined}
          >
            <NativeSelect id="variant-arm" value={arm} onChange={(e) => setArm(e.target.value)}>
              <option value="">Choose an arm</option>
              {arms.map((a) => (
                <option key={armKey(a)} value={armKey(a)}>
                  {a.experimentName} · {a.variantName}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            id="variant-weight"
            label="Weight"
            error={errors.weight}
            hint="Relative to the page’s other variants."
          >
            <Input
              id="variant-weight"
              inputMode="numeric"
              value={weight}
              onChange={(e) => setWeight(e.target.value)}
            />
          </FormField>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Creating…' : 'Create variant'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The pages that have variants, each with its variants' arms, weights and traffic shares. */
export function VariantsPanel({
  pages,
  variants,
  arms,
  canEdit,
  busy,
  editHref,
  onWeight,
}: {
  pages: readonly Pick<FunnelPageRow, 'id' | 'name'>[];
  variants: readonly VariantView[];
  arms: readonly ExperimentArm[];
  canEdit: boolean;
  busy: boolean;
  editHref: (pageId: string, variantId: string | null) => string;
  onWeight: (variantId: string, weight: number) => void;
}) {
  const armName = new Map(arms.map((a) => [armKey(a), `${a.experimentName} · ${a.variantName}`]));
  const withVariants = pages.filter((p) => variants.some((v) => v.pageId === p.id));
  if (withVariants.length === 0)
    return (
      <EmptyState
        icon={SplitIcon}
        title="No variants yet"
        description="Add a variant to a page to test it against the page as it is; results per variant show below."
      />
    );
  return (
    <div className="grid gap-4">
      {withVariants.map((page) => {
        const vs = variants.filter((v) => v.pageId === page.id);
        const shares = trafficShares(vs.map((v) => v.weight));
        const note = weightsNote(vs.map((v) => v.weight));
        return (
          <Card key={page.id} className="p-4">
            <h4 className="mb-3 text-sm font-semibold">{page.name}</h4>
            <table className="w-full text-sm" aria-label={`Variants of ${page.name}`}>
              <thead className="text-left text-muted-foreground">
                <tr>
                  <th className="pb-2 font-medium">Variant</th>
                  <th className="pb-2 font-medium">Experiment arm</th>
                  <th className="pb-2 font-medium">Weight</th>
                  <th className="pb-2 text-right font-medium">Share</th>
                  <th className="pb-2" />
                </tr>
              </thead>
              <tbody>
                <tr className="border-t align-top">
                  <td className="py-2 font-medium">Page as it is</td>
                  <td className="py-2 text-muted-foreground">Control</td>
                  <td className="py-2 text-muted-foreground">The rest</td>
                  <td className="py-2 text-right tabular-nums">{pct.format(shares.base)}</td>
                  <td className="py-2 text-right">
                    <Button variant="ghost" size="sm" asChild>
                      <Link to={editHref(page.id, null)}>
                        <PencilIcon aria-hidden /> Edit page
                      </Link>
                    </Button>
                  </td>
                </tr>
                {vs.map((v, i) => (
                  <tr key={v.id} className="border-t align-top">
                    <td className="py-2 font-medium">{v.name}</td>
                    <td className="py-2 text-muted-foreground">
                      {v.experimentId && v.experimentVariantId
                        ? (armName.get(
                            armKey({ experimentId: v.experimentId, variantId: v.experimentVariantId }),
                          ) ?? `${v.experimentId} · ${v.experimentVariantId}`)
                        : '—'}
                    </td>
                    <td className="py-2">
                      {canEdit ? (
                        <WeightField variant={v} disabled={busy} onSave={(w) => onWeight(v.id, w)} />
                      ) : (
                        v.weight
                      )}
                    </td>
                    <td className="py-2 text-right tabular-nums">{pct.format(shares.variants[i] ?? 0)}</td>
                    <td className="py-2 text-right">
                      <Button variant="ghost" size="sm" asChild>
                        <Link to={editHref(page.id, v.id)}>
                          <PencilIcon aria-hidden /> Edit variant
                        </Link>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {note ? <p className="mt-2 text-sm text-muted-foreground">{note}</p> : null}
          </Card>
        );
      })}
    </div>
  );
}
