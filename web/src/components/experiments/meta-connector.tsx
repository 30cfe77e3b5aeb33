import {
  type ConnectorPullSummary,
  META_ATTRIBUTION_WINDOWS,
  MetaConnectorSettings,
} from '@mos/db/contracts';
import { CircleAlertIcon, CircleCheckIcon, KeyRoundIcon, PlugIcon, Trash2Icon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { errorMessage } from '@/lib/errors';
import { formatRelative } from '@/lib/format';
import { formatInt } from './format';
import type { ConnectorsView } from './types';

const WINDOW_LABEL: Record<(typeof META_ATTRIBUTION_WINDOWS)[number], string> = {
  '1d_click': '1-day click',
  '7d_click': '7-day click',
  '28d_click': '28-day click',
  '1d_view': '1-day view',
  '7d_view': '7-day view',
};

const DEFAULTS: MetaConnectorSettings = {
  adAccountId: '',
  tokenSecret: '',
  attributionWindows: ['7d_click', '1d_view'],
  trailingDays: 7,
  apiVersion: 'v21.0',
};

const NEW_SECRET = '__new__';

/** What to do about a failed pull, by the worker's reason code (the message itself is shown as well). */
const FIX_HINT: Record<string, string> = {
  secret_missing: 'The token secret no longer exists: choose or add one below.',
  token_invalid: 'Meta refused the token: store a fresh system-user token under the same secret name.',
  permission:
    'The token cannot read this ad account: give its system user access to the account in Business Settings.',
  settings_invalid: 'The saved settings no longer pass the checks: review and save them again.',
  rate_limited: 'Meta’s rate limit held the pull back; the next poll tries again.',
};

type PullResult = ConnectorPullSummary & { errorReason?: string | null };

/** The last pull in a sentence: what came in, what was revised, and the error (with what to do) when it failed. */
export function PullSummary({ at, result }: { at: string | null; result: PullResult | null }) {
  if (!at || !result) return <p className="text-sm text-muted-foreground">Not pulled yet.</p>;
  return (
    <section className="grid gap-1 text-sm" aria-label="Last pull">
      <p className="flex items-center gap-1.5">
        {result.error ? (
          <CircleAlertIcon className="size-4 text-destructive" aria-hidden />
        ) : (
          <CircleCheckIcon className="size-4 text-[oklch(0.45_0.11_160)]" aria-hidden />
        )}
        <span className="font-medium">{result.error ? 'Last pull failed' : 'Last pull'}</span>
        <span className="text-muted-foreground">
          {formatRelative(at)} · {result.from} to {result.to}
        </span>
      </p>
      {result.error ? <p className="text-destructive">{result.error}</p> : null}
      {result.error && result.errorReason && FIX_HINT[result.errorReason] ? (
        <p>{FIX_HINT[result.errorReason]}</p>
      ) : null}
      <p className="text-muted-foreground tabular-nums">
        {formatInt(result.rows)} rows over {formatInt(result.pages)} page{result.pages === 1 ? '' : 's'} ·{' '}
        {formatInt(result.inserted)} new · {formatInt(result.revised)} revised
        {result.unmatchedAds ? ` · ${formatInt(result.unmatchedAds)} ads not linked to an asset` : ''}
        {result.waits ? ` · waited ${result.waits}× for Meta’s rate limit` : ''}
      </p>
    </section>
  );
}

/**
 * A client's Meta Marketing API connection: the ad account, the access token chosen by the name of an org secret
 * (its value is never shown or sent back here), the attribution windows pulled and the trailing days re-pulled for
 * Meta's late revisions. Admins edit; others see the settings and the last pull.
 */
export function MetaConnectorCard({
  view,
  canEdit,
  onSave,
  onRemove,
  onCreateSecret,
}: {
  view: ConnectorsView;
  canEdit: boolean;
  onSave: (settings: MetaConnectorSettings, enabled: boolean) => Promise<void>;
  onRemove: () => Promise<void>;
  onCreateSecret: (name: string, value: string) => Promise<void>;
}) {
  const current = view.meta;
  const [draft, setDraft] = useState<MetaConnectorSettings>(current?.settings ?? DEFAULTS);
  const [enabled, setEnabled] = useState(current?.enabled ?? true);
  const [trailing, setTrailing] = useState(String(current?.settings.trailingDays ?? DEFAULTS.trailingDays));
  const [newSecret, setNewSecret] = useState<{ name: string; value: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const secretChoice = newSecret ? NEW_SECRET : draft.tokenSecret;
  const unknownSecret = draft.tokenSecret && !view.secretNames.includes(draft.tokenSecret);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const candidate = {
      ...draft,
      tokenSecret: newSecret ? newSecret.name.trim() : draft.tokenSecret,
      trailingDays: Number(trailing),
    };
    const parsed = MetaConnectorSettings.safeParse(candidate);
    const local: Record<string, string> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'form');
        local[key] ??= issue.message;
      }
    }
    if (newSecret && !newSecret.value) local.secretValue = 'Paste the access token';
    if (!newSecret && !draft.tokenSecret) local.tokenSecret = 'Choose the secret that holds the token';
    setErrors(local);
    if (Object.keys(local).length > 0 || !parsed.success) return;
    setBusy(true);
    try {
      if (newSecret) {
        await onCreateSecret(parsed.data.tokenSecret, newSecret.value);
        setNewSecret(null);
        setDraft(parsed.data);
      }
      await onSave(parsed.data, enabled);
    } catch (err) {
      setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const toggleWindow = (w: (typeof META_ATTRIBUTION_WINDOWS)[number]) =>
    setDraft((d) => ({
      ...d,
      attributionWindows: d.attributionWindows.includes(w)
        ? d.attributionWindows.filter((x) => x !== w)
        : [...d.attributionWindows, w],
    }));

  return (
    <Card aria-labelledby="meta-connector-title">
      <CardHeader className="flex-row items-start justify-between gap-3 space-y-0">
        <div className="grid gap-1.5">
          <CardTitle id="meta-connector-title" className="flex items-center gap-2">
            <PlugIcon className="size-4 text-muted-foreground" aria-hidden /> Meta Marketing API
          </CardTitle>
          <CardDescription>
            Pulls ad-level insights per day into performance snapshots for this client’s experiments.
          </CardDescription>
        </div>
        {current ? (
          <Badge variant={current.enabled ? 'success' : 'secondary'}>
            {current.enabled ? 'Connected' : 'Paused'}
          </Badge>
        ) : (
          <Badge variant="outline">Not connected</Badge>
        )}
      </CardHeader>
      <CardContent className="grid gap-6">
        {current ? <PullSummary at={current.lastPulledAt} result={current.lastResult} /> : null}
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} aria-label="Meta connector settings">
          <fieldset className="grid gap-4" disabled={!canEdit || busy}>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                id="meta-account"
                label="Ad account id"
                error={errors.adAccountId}
                hint="From Ads Manager’s account menu, with the act_ prefix."
              >
                <Input
                  id="meta-account"
                  placeholder="act_1234567890"
                  value={draft.adAccountId}
                  onChange={(e) => setDraft({ ...draft, adAccountId: e.target.value.trim() })}
                  aria-invalid={Boolean(errors.adAccountId)}
                  aria-describedby={errors.adAccountId ? fieldErrorId('meta-account') : undefined}
                />
              </FormField>
              <FormField
                id="meta-token"
                label="Access token (org secret)"
                error={errors.tokenSecret}
                hint={
                  unknownSecret
                    ? `No secret named ${draft.tokenSecret} exists any more: choose or add one.`
                    : 'A system-user token with ads_read; stored encrypted and used only by the worker.'
                }
              >
                <NativeSelect
                  id="meta-token"
                  value={secretChoice}
                  onChange={(e) => {
                    if (e.target.value === NEW_SECRET) setNewSecret({ name: 'META_ACCESS_TOKEN', value: '' });
                    else {
                      setNewSecret(null);
                      setDraft({ ...draft, tokenSecret: e.target.value });
                    }
                  }}
                  aria-invalid={Boolean(errors.tokenSecret)}
                >
                  <option value="">Choose a secret…</option>
                  {unknownSecret ? (
                    <option value={draft.tokenSecret}>{draft.tokenSecret} (missing)</option>
                  ) : null}
                  {view.secretNames.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                  <option value={NEW_SECRET}>Add a new secret…</option>
                </NativeSelect>
              </FormField>
            </div>
            {newSecret ? (
              <div className="grid gap-4 rounded-md border bg-muted/40 p-3 sm:grid-cols-2">
                <FormField id="meta-secret-name" label="New secret name" error={errors.tokenSecret}>
                  <Input
                    id="meta-secret-name"
                    value={newSecret.name}
                    onChange={(e) => setNewSecret({ ...newSecret, name: e.target.value.toUpperCase() })}
                  />
                </FormField>
                <FormField id="meta-secret-value" label="Token value" error={errors.secretValue}>
                  <Input
                    id="meta-secret-value"
                    type="password"
                    autoComplete="off"
                    value={newSecret.value}
                    onChange={(e) => setNewSecret({ ...newSecret, value: e.target.value })}
                  />
                </FormField>
                <p className="flex items-center gap-1.5 text-xs text-muted-foreground sm:col-span-2">
                  <KeyRoundIcon className="size-3.5" aria-hidden /> Saved as an encrypted org secret; only its
                  name is kept with the connector.
                </p>
              </div>
            ) : null}
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">Attribution windows (1 to 3)</legend>
              <div className="flex flex-wrap gap-x-5 gap-y-2">
                {META_ATTRIBUTION_WINDOWS.map((w) => (
                  <label key={w} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={draft.attributionWindows.includes(w)}
                      onChange={() => toggleWindow(w)}
                    />
                    {WINDOW_LABEL[w]}
                  </label>
                ))}
              </div>
              {errors.attributionWindows ? (
                <p role="alert" className="text-xs font-medium text-destructive">
                  {errors.attributionWindows}
                </p>
              ) : null}
            </fieldset>
            <div className="grid gap-4 sm:grid-cols-3">
              <FormField
                id="meta-trailing"
                label="Days re-pulled each time"
                error={errors.trailingDays}
                hint="Meta revises recent days for up to 28 days."
              >
                <Input
                  id="meta-trailing"
                  inputMode="numeric"
                  value={trailing}
                  onChange={(e) => setTrailing(e.target.value)}
                  aria-invalid={Boolean(errors.trailingDays)}
                />
              </FormField>
              <FormField id="meta-version" label="Graph API version" error={errors.apiVersion}>
                <Input
                  id="meta-version"
                  value={draft.apiVersion}
                  onChange={(e) => setDraft({ ...draft, apiVersion: e.target.value.trim() })}
                  aria-invalid={Boolean(errors.apiVersion)}
                />
              </FormField>
              <label className="flex items-center gap-2 self-center pt-6 text-sm">
                <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
                Pull while experiments run
              </label>
            </div>
          </fieldset>
          {errors.form ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          ) : null}
          {canEdit ? (
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={busy}>
                {busy ? 'Saving…' : current ? 'Save settings' : 'Connect Meta'}
              </Button>
              {current ? (
                <Button
                  variant="outline"
                  disabled={busy}
                  onClick={() => {
                    setBusy(true);
                    onRemove()
                      .catch((err: unknown) => setErrors({ form: errorMessage(err) }))
                      .finally(() => setBusy(false));
                  }}
                >
                  <Trash2Icon aria-hidden /> Disconnect
                </Button>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">Only admins change connector settings.</p>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
