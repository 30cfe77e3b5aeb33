import { DeployProjectSettings } from '@mos/db/contracts';
import { CircleAlertIcon, CircleCheckIcon, SaveIcon } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { errorMessage, fieldIssuesOf, mapFieldErrors } from '@/lib/errors';
import { cn } from '@/lib/utils';

/** What `deploy.updateProject` takes: the description and the settings fields that change (the rest are kept). */
export interface ProjectSettingsChange {
  description?: string | null;
  settings?: Partial<DeployProjectSettings>;
}

const FIELDS = [
  'description',
  'settings.hcloudTokenSecret',
  'settings.sshKeySecret',
  'settings.gitTokenSecret',
  'settings.nginxMode',
  'settings.certbotEmail',
] as const;
type Field = (typeof FIELDS)[number];

type Form = {
  description: string;
  hcloudTokenSecret: string;
  sshKeySecret: string;
  gitTokenSecret: string;
  nginxMode: DeployProjectSettings['nginxMode'];
  certbotEmail: string;
};

const SECRET_NAME_RE = /^[A-Z][A-Z0-9_]+$/;
const DESCRIPTION_MAX = 2000;

function secretNameProblem(name: string, required: boolean): string | null {
  if (!name) return required ? 'A secret name is required' : null;
  if (name.length > 100) return 'Must be at most 100 characters';
  if (!SECRET_NAME_RE.test(name))
    return 'Upper-case letters, digits and _, starting with a letter (e.g. HCLOUD_TOKEN)';
  return null;
}

const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/** The client-side checks, each at its field; the server checks the same rules again. */
export function settingsProblems(f: Form): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (f.description.trim().length > DESCRIPTION_MAX)
    out.description = `Must be at most ${DESCRIPTION_MAX} characters`;
  const hcloud = secretNameProblem(f.hcloudTokenSecret, true);
  if (hcloud) out['settings.hcloudTokenSecret'] = hcloud;
  const ssh = secretNameProblem(f.sshKeySecret, false);
  if (ssh) out['settings.sshKeySecret'] = ssh;
  const git = secretNameProblem(f.gitTokenSecret, false);
  if (git) out['settings.gitTokenSecret'] = git;
  if (f.certbotEmail) {
    const email = DeployProjectSettings.shape.certbotEmail.safeParse(f.certbotEmail);
    if (!email.success)
      out['settings.certbotEmail'] = sentence(email.error.issues[0]?.message ?? 'is invalid');
  }
  return out;
}

const formOf = (description: string | null, s: DeployProjectSettings): Form => ({
  description: description ?? '',
  hcloudTokenSecret: s.hcloudTokenSecret,
  sshKeySecret: s.sshKeySecret ?? '',
  gitTokenSecret: s.gitTokenSecret ?? '',
  nginxMode: s.nginxMode,
  certbotEmail: s.certbotEmail ?? '',
});

/** Exactly what differs from the stored values (empty optional fields sent as null). */
export function settingsChange(
  stored: { description: string | null; settings: DeployProjectSettings },
  f: Form,
): ProjectSettingsChange {
  const change: ProjectSettingsChange = {};
  const description = f.description.trim() || null;
  if (description !== (stored.description ?? null)) change.description = description;
  const s: Partial<DeployProjectSettings> = {};
  const was = stored.settings;
  if (f.hcloudTokenSecret !== was.hcloudTokenSecret) s.hcloudTokenSecret = f.hcloudTokenSecret;
  if ((f.sshKeySecret || null) !== was.sshKeySecret) s.sshKeySecret = f.sshKeySecret || null;
  if ((f.gitTokenSecret || null) !== was.gitTokenSecret) s.gitTokenSecret = f.gitTokenSecret || null;
  if (f.nginxMode !== was.nginxMode) s.nginxMode = f.nginxMode;
  if ((f.certbotEmail.trim() || null) !== was.certbotEmail) s.certbotEmail = f.certbotEmail.trim() || null;
  if (Object.keys(s).length) change.settings = s;
  return change;
}

const NGINX_MODES = [
  [
    'per-app',
    'Per app',
    'Each workload gets its own nginx site on its server names, with its own TLS certificate. Needed for funnels and the MOS worker.',
  ],
  [
    'combined',
    'Combined',
    'One nginx site per server: the app whose name has “ui” in it (else the first with a port) at /, one with “api” at /api/, the others at /<name>/. Funnels and the MOS worker are refused.',
  ],
] as const;

function SecretNameField({
  id,
  label,
  value,
  onChange,
  error,
  secretNames,
  listId,
  optional,
  emptyMeaning,
  onOpenSecrets,
  purpose,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
  secretNames: readonly string[] | null;
  listId: string;
  optional: boolean;
  emptyMeaning?: string;
  onOpenSecrets: () => void;
  purpose: string;
}) {
  const known = secretNames?.includes(value) ?? false;
  return (
    <div className="grid content-start gap-2">
      <FormField id={id} label={label} error={error} hint={purpose}>
        <Input
          id={id}
          value={value}
          list={listId}
          autoComplete="off"
          spellCheck={false}
          placeholder={optional ? 'none' : 'HCLOUD_TOKEN'}
          className="font-mono"
          onChange={(e) => onChange(e.target.value.toUpperCase())}
          {...(error ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(id) } : {})}
        />
      </FormField>
      {error ? null : !value ? (
        emptyMeaning ? (
          <p className="text-xs text-muted-foreground">{emptyMeaning}</p>
        ) : null
      ) : secretNames === null ? null : known ? (
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground" data-secret-state="set">
          <CircleCheckIcon className="size-3.5 shrink-0 text-success" aria-hidden /> Set in this
          organization’s secrets.
        </p>
      ) : (
        <p
          className="flex flex-wrap items-center gap-x-1.5 text-xs text-[oklch(0.5_0.12_60)]"
          data-secret-state="missing"
        >
          <CircleAlertIcon className="size-3.5 shrink-0" aria-hidden /> Not set yet: an apply needs it.
          <Button
            variant="link"
            size="sm"
            type="button"
            className="h-auto px-0 text-xs"
            onClick={onOpenSecrets}
          >
            Set {value} under Secrets
          </Button>
        </p>
      )}
    </div>
  );
}

/**
 * The project's settings (what `deploy.updateProject` accepts): the credentials' secret names, chosen from the
 * org's secrets or typed as names still to set, the nginx layout and certbot's e-mail. Only changed fields are
 * sent; problems show at their field, from the checks here or from the server's answer.
 */
export function ProjectSettingsPanel({
  description,
  settings,
  secretNames,
  onSave,
  onOpenSecrets,
}: {
  description: string | null;
  settings: DeployProjectSettings;
  /** The org's secret names; null while they load. */
  secretNames: readonly string[] | null;
  onSave: (change: ProjectSettingsChange) => Promise<unknown>;
  onOpenSecrets: () => void;
}) {
  const id = useId();
  const [form, setForm] = useState<Form>(() => formOf(description, settings));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const change = settingsChange({ description, settings }, form);
  const dirty = change.description !== undefined || change.settings !== undefined;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    const field = (k === 'description' ? 'description' : `settings.${k}`) as Field;
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    setFormError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = settingsProblems(form);
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length || !dirty) return;
    setSaving(true);
    try {
      await onSave(change);
    } catch (err) {
      const { errors: at, unmatched } = mapFieldErrors(fieldIssuesOf(err), FIELDS);
      const shown: Partial<Record<Field, string>> = {};
      for (const [k, m] of Object.entries(at)) shown[k as Field] = sentence(m as string);
      setErrors(shown);
      if (unmatched.length || !Object.keys(shown).length) setFormError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const listId = `${id}-secrets`;
  const err = (f: Field) => errors[f];
  const fid = (f: string) => `${id}-${f}`;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="grid gap-6" aria-label="Project settings">
      <datalist id={listId}>
        {(secretNames ?? []).map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <Card className="grid gap-4 p-4 sm:p-5">
        <h3 className="text-base font-semibold">Project</h3>
        <FormField
          id={fid('description')}
          label="Description"
          error={err('description')}
          hint="Shown under the project’s name."
        >
          <textarea
            id={fid('description')}
            value={form.description}
            rows={2}
            onChange={(e) => set('description', e.target.value)}
            className="min-h-16 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs focus-visible:border-ring focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/30 aria-invalid:border-destructive"
            {...(err('description')
              ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(fid('description')) }
              : {})}
          />
        </FormField>
      </Card>
      <Card className="grid gap-4 p-4 sm:p-5">
        <div className="grid gap-1">
          <h3 className="text-base font-semibold">Credentials</h3>
          <p className="text-sm text-muted-foreground">
            Names of this organization’s secrets; values are set under Secrets and never shown.
          </p>
        </div>
        <div className="grid gap-4 md:grid-cols-3">
          <SecretNameField
            id={fid('hcloud')}
            label="Hetzner token secret"
            purpose="The Hetzner Cloud API token terraform uses."
            value={form.hcloudTokenSecret}
            onChange={(v) => set('hcloudTokenSecret', v)}
            error={err('settings.hcloudTokenSecret')}
            secretNames={secretNames}
            listId={listId}
            optional={false}
            onOpenSecrets={onOpenSecrets}
          />
          <SecretNameField
            id={fid('ssh')}
            label="SSH key secret"
            purpose="The private key used to reach the servers."
            value={form.sshKeySecret}
            onChange={(v) => set('sshKeySecret', v)}
            error={err('settings.sshKeySecret')}
            secretNames={secretNames}
            listId={listId}
            optional
            emptyMeaning="None: a key is generated on the first apply and kept as a secret."
            onOpenSecrets={onOpenSecrets}
          />
          <SecretNameField
            id={fid('git')}
            label="Git token secret"
            purpose="For private repositories; masked in every log."
            value={form.gitTokenSecret}
            onChange={(v) => set('gitTokenSecret', v)}
            error={err('settings.gitTokenSecret')}
            secretNames={secretNames}
            listId={listId}
            optional
            emptyMeaning="None: repositories are cloned without a token."
            onOpenSecrets={onOpenSecrets}
          />
        </div>
      </Card>
      <Card className="grid gap-4 p-4 sm:p-5">
        <h3 className="text-base font-semibold">Web server</h3>
        <fieldset
          className="grid gap-2"
          aria-describedby={err('settings.nginxMode') ? fieldErrorId(fid('nginx')) : undefined}
        >
          <legend className="mb-2 text-sm font-medium">nginx layout</legend>
          <div className="grid gap-2 md:grid-cols-2">
            {NGINX_MODES.map(([mode, label, meaning]) => (
              <label
                key={mode}
                className={cn(
                  'flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm',
                  form.nginxMode === mode && 'border-primary bg-primary/5 ring-1 ring-primary',
                )}
              >
                <input
                  type="radio"
                  name={fid('nginx')}
                  value={mode}
                  checked={form.nginxMode === mode}
                  onChange={() => set('nginxMode', mode)}
                  className="mt-0.5 accent-primary"
                />
                <span className="grid gap-1">
                  <span className="font-medium">{label}</span>
                  <span className="text-muted-foreground">{meaning}</span>
                </span>
              </label>
            ))}
          </div>
          {err('settings.nginxMode') ? (
            <p id={fieldErrorId(fid('nginx'))} role="alert" className="text-xs font-medium text-destructive">
              {err('settings.nginxMode')}
            </p>
          ) : null}
        </fieldset>
        <FormField
          id={fid('email')}
          label="Certbot e-mail"
          error={err('settings.certbotEmail')}
          hint="Let’s Encrypt writes here about expiring certificates. Empty: registered without an e-mail."
          className="md:max-w-md"
        >
          <Input
            id={fid('email')}
            type="email"
            value={form.certbotEmail}
            autoComplete="email"
            placeholder="ops@example.com"
            onChange={(e) => set('certbotEmail', e.target.value)}
            {...(err('settings.certbotEmail')
              ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(fid('email')) }
              : {})}
          />
        </FormField>
      </Card>
      {formError ? (
        <p role="alert" className="text-sm text-destructive">
          {formError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={saving || !dirty}>
          <SaveIcon aria-hidden /> {saving ? 'Saving…' : 'Save settings'}
        </Button>
        {dirty ? (
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setForm(formOf(description, settings));
              setErrors({});
              setFormError(null);
            }}
          >
            Discard changes
          </Button>
        ) : (
          <span className="text-sm text-muted-foreground">No unsaved changes.</span>
        )}
      </div>
    </form>
  );
}
