import {
  CircleAlertIcon,
  CircleCheckIcon,
  KeyRoundIcon,
  LockIcon,
  RotateCwIcon,
  Trash2Icon,
} from 'lucide-react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { formatRelative } from '@/lib/format';
import type { SecretView } from './types';

const NAME_RE = /^[A-Z][A-Z0-9_]+$/;

export function secretNameProblem(name: string): string | null {
  if (!name) return 'Name is required';
  if (!NAME_RE.test(name))
    return 'Name: upper-case letters, digits and _, starting with a letter (e.g. HCLOUD_TOKEN)';
  if (name.length > 100) return 'Name must be at most 100 characters';
  return null;
}

/**
 * Org secrets by name: set, rotate, delete. A value is a write-only input (a password field, emptied after it is
 * sent); no value ever reaches this component's props, so none can be drawn.
 */
export function SecretsPanel({
  secrets,
  referenced,
  onSet,
  onDelete,
  error,
}: {
  secrets: readonly SecretView[];
  /** Names the current plan (and the project's settings) refer to. */
  referenced: readonly string[];
  onSet: (name: string, value: string) => Promise<unknown>;
  onDelete: (name: string) => Promise<unknown>;
  /** Why the list could not be loaded (e.g. MOS_SECRETS_KEY is not set on the API). */
  error?: string | null;
}) {
  const formId = useId();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  const existing = new Set(secrets.map((s) => s.name));
  const isRotate = existing.has(name);

  const fill = (n: string) => {
    setName(n);
    setProblem(null);
    valueRef.current?.focus();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = secretNameProblem(name) ?? (value ? null : 'Value is required');
    setProblem(p);
    if (p) return;
    setSaving(true);
    try {
      await onSet(name, value);
      setValue('');
      setName('');
    } catch (err) {
      setProblem(err instanceof Error ? err.message : 'The secret was not saved');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="grid gap-4">
      <Card className="p-4">
        <form
          className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
          noValidate
          onSubmit={(e) => void submit(e)}
        >
          <FormField id={`${formId}-name`} label="Secret name" error={problem ?? undefined}>
            <Input
              id={`${formId}-name`}
              value={name}
              placeholder="HCLOUD_TOKEN"
              autoComplete="off"
              className="font-mono"
              onChange={(e) => setName(e.target.value.toUpperCase().replace(/[^A-Z0-9_]/g, '_'))}
              {...(problem
                ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(`${formId}-name`) }
                : {})}
            />
          </FormField>
          <FormField
            id={`${formId}-value`}
            label={isRotate ? 'New value' : 'Value'}
            hint="Write-only: never shown again."
          >
            <Input
              ref={valueRef}
              id={`${formId}-value`}
              type="password"
              autoComplete="new-password"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </FormField>
          <Button type="submit" disabled={saving} className="sm:mt-7">
            <KeyRoundIcon aria-hidden />
            {saving ? 'Saving…' : isRotate ? 'Rotate secret' : 'Set secret'}
          </Button>
        </form>
      </Card>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {referenced.length > 0 ? (
        <Card className="grid gap-2 p-4">
          <h3 className="text-sm font-semibold">Referenced by the plan</h3>
          <ul className="grid gap-1" aria-label="Secrets the plan references">
            {referenced.map((n) => (
              <li key={n} className="flex flex-wrap items-center gap-2 text-sm" data-secret-ref={n}>
                {existing.has(n) ? (
                  <CircleCheckIcon className="size-4 text-success" aria-label="set" />
                ) : (
                  <CircleAlertIcon className="size-4 text-destructive" aria-label="missing" />
                )}
                <code className="inline-flex items-center gap-1 font-mono text-xs">
                  <LockIcon className="size-3" aria-hidden /> {n}
                </code>
                <span className={existing.has(n) ? 'text-muted-foreground' : 'text-destructive'}>
                  {existing.has(n) ? 'set' : 'missing: the apply will fail until it is set'}
                </span>
                {existing.has(n) ? null : (
                  <Button variant="link" size="sm" className="h-auto px-0" onClick={() => fill(n)}>
                    Set {n}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card className="p-0">
        <h3 className="border-b px-4 py-3 text-sm font-semibold">Org secrets</h3>
        {secrets.length === 0 ? (
          <p className="px-4 py-3 text-sm text-muted-foreground">No secrets yet.</p>
        ) : (
          <ul aria-label="Org secrets" className="divide-y">
            {secrets.map((s) => (
              <li key={s.name} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <div className="min-w-0">
                  <code className="font-mono text-sm">{s.name}</code>
                  <span className="ml-3 text-xs text-muted-foreground">
                    updated {formatRelative(s.updatedAt)}
                  </span>
                </div>
                <div className="flex gap-2">
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => fill(s.name)}
                    aria-label={`Rotate ${s.name}`}
                  >
                    <RotateCwIcon aria-hidden /> Rotate
                  </Button>
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={deleting === s.name}
                    onClick={() => setConfirmDelete(s.name)}
                    aria-label={`Delete ${s.name}`}
                  >
                    <Trash2Icon aria-hidden /> Delete
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Dialog open={confirmDelete !== null} onOpenChange={(o) => (o ? null : setConfirmDelete(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Delete {confirmDelete}?</DialogTitle>
            <DialogDescription>
              {confirmDelete && referenced.includes(confirmDelete)
                ? 'The plan references this secret: the next apply fails until it is set again.'
                : 'Anything that reads this secret stops working. This cannot be undone.'}
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setConfirmDelete(null)}>
              Cancel
            </Button>
            <Button
              variant="destructive"
              onClick={() => {
                const n = confirmDelete;
                setConfirmDelete(null);
                if (!n) return;
                setDeleting(n);
                void onDelete(n).finally(() => setDeleting(null));
              }}
            >
              Delete secret
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
