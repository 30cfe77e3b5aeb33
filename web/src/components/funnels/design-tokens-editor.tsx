import { PageView, type RenderContext } from '@mos/funnel-blocks/components';
import { blockDefaults } from '@mos/funnel-blocks/defaults';
import { DEFAULT_DESIGN_TOKENS, DesignTokens } from '@mos/funnel-blocks/schema';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

const COLOURS = [
  ['primary', 'Primary'],
  ['primaryText', 'Text on primary'],
  ['background', 'Background'],
  ['text', 'Text'],
  ['muted', 'Muted text'],
  ['accent', 'Accent'],
] as const;

const PREVIEW_CONTEXT: RenderContext = {
  mode: 'editor',
  pageHref: () => '#',
  nextHref: null,
  mediaUrl: () => '',
  publicationId: null,
  pageId: null,
  variantId: null,
};

/** A hero and a button drawn by the block library itself, so the preview is what pages look like. */
function Preview({ t }: { t: DesignTokens }) {
  const d = blockDefaults(new Date('2026-01-01T00:00:00Z'));
  return (
    <div className="grid content-start gap-2">
      <p className="text-xs font-medium text-muted-foreground">Preview</p>
      {/* A picture of a page, not part of this form: hidden from assistive tech and out of the tab order. */}
      <div
        className="overflow-hidden rounded-lg border [&_.mos-page]:min-h-0"
        style={{ zoom: 0.7 }}
        aria-hidden
        inert
      >
        <PageView
          tokens={t}
          context={PREVIEW_CONTEXT}
          document={{
            root: { props: { title: 'Preview', description: '', ogImage: null, favicon: null } },
            content: [
              { type: 'Hero', props: { ...d.Hero, id: 'preview-hero' } },
              { type: 'Button', props: { ...d.Button, id: 'preview-button', variant: 'secondary' } },
            ],
            zones: {},
          }}
        />
      </div>
    </div>
  );
}

/**
 * A client's design tokens (colours, fonts, corner radius), checked by the block library's schema before saving;
 * the preview shows them as a page would.
 */
export function DesignTokensEditor({
  tokens,
  seededFromCanon,
  canEdit,
  saving,
  onSave,
}: {
  tokens: DesignTokens | null;
  /** Whether the values came from the canon's visual style (nothing saved yet). */
  seededFromCanon: boolean;
  canEdit: boolean;
  saving: boolean;
  onSave: (tokens: DesignTokens) => void;
}) {
  const [t, setT] = useState<DesignTokens>(tokens ?? DEFAULT_DESIGN_TOKENS);
  const [radius, setRadius] = useState(String((tokens ?? DEFAULT_DESIGN_TOKENS).radius));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = DesignTokens.safeParse({
      ...t,
      radius: radius.trim() === '' ? Number.NaN : Number(radius),
    });
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of parsed.error.issues) errs[i.path.join('.')] ??= i.message;
      setErrors(errs);
      return;
    }
    setErrors({});
    onSave(parsed.data);
  };
  const disabled = !canEdit || saving;
  const err = (key: string, id: string) =>
    errors[key] ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(id) } : {};
  return (
    <form
      className="grid items-start gap-6 lg:grid-cols-[1fr_360px]"
      noValidate
      onSubmit={submit}
      aria-label="Design tokens"
    >
      <Card className="grid content-start gap-4 p-5">
        <div>
          <h3 className="text-sm font-semibold">Design tokens</h3>
          <p className="text-sm text-muted-foreground">
            Every page of this client’s funnels renders with these.
            {seededFromCanon ? ' Seeded from the canon’s visual style.' : ''}
          </p>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          {COLOURS.map(([key, label]) => {
            const id = `token-${key}`;
            return (
              <FormField key={key} id={id} label={label} error={errors[`colors.${key}`]}>
                <div className="flex gap-2">
                  <input
                    type="color"
                    aria-label={`${label} colour picker`}
                    className="h-9 w-10 shrink-0 cursor-pointer rounded-md border bg-card p-1"
                    value={/^#[0-9a-f]{6}$/i.test(t.colors[key]) ? t.colors[key] : '#000000'}
                    disabled={disabled}
                    onChange={(e) => setT((v) => ({ ...v, colors: { ...v.colors, [key]: e.target.value } }))}
                  />
                  <Input
                    id={id}
                    className="font-mono"
                    value={t.colors[key]}
                    disabled={disabled}
                    onChange={(e) => setT((v) => ({ ...v, colors: { ...v.colors, [key]: e.target.value } }))}
                    {...err(`colors.${key}`, id)}
                  />
                </div>
              </FormField>
            );
          })}
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_1fr_120px]">
          <FormField id="token-heading" label="Heading font" error={errors['fonts.heading']}>
            <Input
              id="token-heading"
              value={t.fonts.heading}
              disabled={disabled}
              onChange={(e) => setT((v) => ({ ...v, fonts: { ...v.fonts, heading: e.target.value } }))}
              {...err('fonts.heading', 'token-heading')}
            />
          </FormField>
          <FormField id="token-body" label="Body font" error={errors['fonts.body']}>
            <Input
              id="token-body"
              value={t.fonts.body}
              disabled={disabled}
              onChange={(e) => setT((v) => ({ ...v, fonts: { ...v.fonts, body: e.target.value } }))}
              {...err('fonts.body', 'token-body')}
            />
          </FormField>
          <FormField id="token-radius" label="Radius (px)" error={errors.radius}>
            <Input
              id="token-radius"
              inputMode="numeric"
              value={radius}
              disabled={disabled}
              onChange={(e) => {
                setRadius(e.target.value);
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 0 && n <= 48) setT((v) => ({ ...v, radius: n }));
              }}
              {...err('radius', 'token-radius')}
            />
          </FormField>
        </div>
        {canEdit ? (
          <div className="flex justify-end">
            <Button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save design tokens'}
            </Button>
          </div>
        ) : null}
      </Card>
      <Preview t={t} />
    </form>
  );
}
