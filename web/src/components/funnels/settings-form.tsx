import { FunnelSettings } from '@mos/db/contracts';
import { KeyRoundIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';

type Text = Record<
  | 'metaPixelId'
  | 'metaCapiTokenSecret'
  | 'ga4MeasurementId'
  | 'ga4ApiSecretSecret'
  | 'leadWebhookUrl'
  | 'leadWebhookSecret',
  string
>;
const TEXT_FIELDS = [
  'metaPixelId',
  'metaCapiTokenSecret',
  'ga4MeasurementId',
  'ga4ApiSecretSecret',
  'leadWebhookUrl',
  'leadWebhookSecret',
] as const;

const toText = (s: FunnelSettings): Text =>
  Object.fromEntries(TEXT_FIELDS.map((f) => [f, s[f] ?? ''])) as Text;

/** The form's values as settings, checked by the contract's own schema (field → message on failure). */
export function parseSettingsForm(
  base: FunnelSettings,
  text: Text,
): { ok: true; settings: FunnelSettings } | { ok: false; errors: Partial<Record<string, string>> } {
  const candidate = {
    ...base,
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, text[f].trim() === '' ? null : text[f].trim()])),
  };
  const parsed = FunnelSettings.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: Partial<Record<string, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

function SecretSelect({
  id,
  value,
  names,
  onChange,
  disabled,
}: {
  id: string;
  value: string;
  names: readonly string[];
  onChange: (v: string) => void;
  disabled: boolean;
}) {
  const known = value === '' || names.includes(value);
  return (
    <NativeSelect id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">No secret</option>
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
      {known ? null : <option value={value}>{value} (missing)</option>}
    </NativeSelect>
  );
}

/** An admin stores a secret (a token, a signing key) by name; only the name is ever read back. */
function AddSecretForm({
  onAdd,
  pending,
}: {
  onAdd: (name: string, value: string) => Promise<unknown>;
  pending: boolean;
}) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^[A-Z][A-Z0-9_]{1,99}$/.test(name.trim())) {
      setError('Name: upper-case letters, digits and _, starting with a letter (e.g. META_CAPI_TOKEN)');
      return;
    }
    if (value === '') {
      setError('Value is required');
      return;
    }
    setError(null);
    await onAdd(name.trim(), value);
    setName('');
    setValue('');
  };
  return (
    <form
      className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-label="Add a secret"
    >
      <FormField id="secret-name" label="Secret name">
        <Input
          id="secret-name"
          placeholder="META_CAPI_TOKEN"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </FormField>
      <FormField id="secret-value" label="Value">
        <Input
          id="secret-value"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </FormField>
      <Button type="submit" variant="outline" disabled={pending}>
        <KeyRoundIcon aria-hidden /> {pending ? 'Saving…' : 'Add secret'}
      </Button>
      {error ? (
        <p role="alert" className="text-xs font-medium text-destructive sm:col-span-3">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function SettingsForm({
  settings,
  secretNames,
  canEdit,
  isAdmin,
  saving,
  addingSecret,
  serverErrors,
  onSave,
  onAddSecret,
}: {
  settings: FunnelSettings;
  secretNames: readonly string[];
  canEdit: boolean;
  isAdmin: boolean;
  saving: boolean;
  addingSecret: boolean;
  /** Field errors the API returned for the last save. */
  serverErrors: Partial<Record<string, string>>;
  onSave: (settings: FunnelSettings) => void;
  onAddSecret: (name: string, value: string) => Promise<unknown>;
}) {
  const [robots, setRobots] = useState(settings.robots);
  const [consent, setConsent] = useState(settings.consent);
  const [text, setText] = useState<Text>(() => toText(settings));
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const shown = { ...serverErrors, ...errors };
  const disabled = !canEdit || saving;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = parseSettingsForm({ ...settings, robots, consent }, text);
    setErrors(r.ok ? {} : r.errors);
    if (r.ok) onSave(r.settings);
  };
  const input = (f: keyof Text, placeholder: string) => ({
    id: `settings-${f}`,
    placeholder,
    value: text[f],
    disabled,
    onChange: (e: { target: { value: string } }) => setText((t) => ({ ...t, [f]: e.target.value })),
    ...(shown[f] ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(`settings-${f}`) } : {}),
  });
  const secret = (f: 'metaCapiTokenSecret' | 'ga4ApiSecretSecret' | 'leadWebhookSecret') => (
    <SecretSelect
      id={`settings-${f}`}
      value={text[f]}
      names={secretNames}
      disabled={disabled}
      onChange={(v) => setText((t) => ({ ...t, [f]: v }))}
    />
  );
  return (
    <div className="grid gap-6">
      <form className="grid gap-6" noValidate onSubmit={submit} aria-label="Funnel settings">
        <Card className="grid gap-4 p-5 sm:grid-cols-2">
          <h3 className="text-sm font-semibold sm:col-span-2">Search and consent</h3>
          <FormField id="settings-robots" label="Search engines" hint="Sent as X-Robots-Tag with every page.">
            <NativeSelect
              id="settings-robots"
              value={robots}
              disabled={disabled}
              onChange={(e) => setRobots(e.target.value as typeof robots)}
            >
              <option value="noindex, nofollow">Keep out of search (noindex)</option>
              <option value="index, follow">Allow indexing</option>
            </NativeSelect>
          </FormField>
          <FormField
            id="settings-consent"
            label="Consent"
            hint="For EU markets: nothing is forwarded where a visitor declined."
          >
            <NativeSelect
              id="settings-consent"
              value={consent}
              disabled={disabled}
              onChange={(e) => setConsent(e.target.value as typeof consent)}
            >
              <option value="none">No consent prompt</option>
              <option value="line">Consent line under forms</option>
              <option value="banner">Consent banner</option>
            </NativeSelect>
          </FormField>
        </Card>
        <Card className="grid gap-4 p-5 sm:grid-cols-2">
          <h3 className="text-sm font-semibold sm:col-span-2">Conversions, forwarded server-side</h3>
          <FormField id="settings-metaPixelId" label="Meta pixel id" error={shown.metaPixelId}>
            <Input {...input('metaPixelId', '123456789012345')} />
          </FormField>
          <FormField
            id="settings-metaCapiTokenSecret"
            label="Meta Conversions API token (secret)"
            error={shown.metaCapiTokenSecret}
          >
            {secret('metaCapiTokenSecret')}
          </FormField>
          <FormField id="settings-ga4MeasurementId" label="GA4 measurement id" error={shown.ga4MeasurementId}>
            <Input {...input('ga4MeasurementId', 'G-ABC123')} />
          </FormField>
          <FormField
            id="settings-ga4ApiSecretSecret"
            label="GA4 API secret (secret)"
            error={shown.ga4ApiSecretSecret}
          >
            {secret('ga4ApiSecretSecret')}
          </FormField>
        </Card>
        <Card className="grid gap-4 p-5 sm:grid-cols-2">
          <h3 className="text-sm font-semibold sm:col-span-2">Lead webhook</h3>
          <FormField
            id="settings-leadWebhookUrl"
            label="Webhook URL"
            error={shown.leadWebhookUrl}
            hint="Each lead is POSTed here, signed with HMAC-SHA256."
          >
            <Input {...input('leadWebhookUrl', 'https://crm.example.com/hooks/leads')} />
          </FormField>
          <FormField
            id="settings-leadWebhookSecret"
            label="Signing key (secret)"
            error={shown.leadWebhookSecret}
          >
            {secret('leadWebhookSecret')}
          </FormField>
        </Card>
        {canEdit ? (
          <div className="flex justify-end">
            <Button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save settings'}
            </Button>
          </div>
        ) : null}
      </form>
      {isAdmin ? (
        <Card className="grid gap-3 p-5">
          <div>
            <h3 className="text-sm font-semibold">Secrets</h3>
            <p className="text-sm text-muted-foreground">
              Stored encrypted for the whole organization; settings refer to them by name.
            </p>
          </div>
          <AddSecretForm onAdd={onAddSecret} pending={addingSecret} />
        </Card>
      ) : null}
    </div>
  );
}
