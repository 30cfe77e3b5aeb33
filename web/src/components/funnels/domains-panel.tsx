import { GlobeIcon, RefreshCwIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { formatRelative } from '@/lib/format';
import { DomainStatusBadge } from './status-badges';
import type { DomainView } from './types';

/** A hostname as DNS has it: labels of letters, digits and hyphens, at least one dot, no scheme or path. */
export function hostnameProblem(input: string): string | null {
  const h = input.trim().toLowerCase().replace(/\.$/, '');
  if (h === '') return 'is required';
  if (/[/:]/.test(h)) return 'only the hostname, without https:// or a path';
  if (
    h.length > 253 ||
    !h.includes('.') ||
    !h.split('.').every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))
  )
    return 'is not a valid hostname, e.g. go.example.com';
  return null;
}

function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1">
      <span className="text-xs font-medium text-muted-foreground">{label}</span>
      <code className="rounded bg-muted px-2 py-1 font-mono text-xs break-all select-all">{value}</code>
    </div>
  );
}

export function DomainsPanel({
  domains,
  canEdit,
  adding,
  verifyingId,
  onAdd,
  onVerify,
}: {
  domains: readonly DomainView[];
  canEdit: boolean;
  adding: boolean;
  verifyingId: string | null;
  onAdd: (hostname: string) => Promise<unknown>;
  onVerify: (domainId: string) => void;
}) {
  const [hostname, setHostname] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = hostnameProblem(hostname);
    setError(problem ? `Hostname ${problem}` : null);
    if (problem) return;
    await onAdd(hostname.trim().toLowerCase().replace(/\.$/, ''));
    setHostname('');
  };
  return (
    <div className="grid gap-4">
      {canEdit ? (
        <Card className="p-4">
          <form className="flex flex-wrap items-end gap-3" noValidate onSubmit={(e) => void submit(e)}>
            <FormField
              id="domain-hostname"
              label="Custom domain"
              error={error ?? undefined}
              hint="Point it at the funnel server, then create the TXT record shown to prove it is yours."
              className="min-w-64 flex-1"
            >
              <Input
                id="domain-hostname"
                placeholder="go.example.com"
                value={hostname}
                onChange={(e) => setHostname(e.target.value)}
                {...(error
                  ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId('domain-hostname') }
                  : {})}
              />
            </FormField>
            <Button type="submit" disabled={adding}>
              {adding ? 'Adding…' : 'Add domain'}
            </Button>
          </form>
        </Card>
      ) : null}
      {domains.length === 0 ? (
        <EmptyState
          icon={GlobeIcon}
          title="No custom domain"
          description="The funnel is served at its edge URL; add a domain to serve it on the client’s own hostname."
        />
      ) : (
        domains.map((d) => (
          <Card key={d.id} className="grid gap-3 p-4" data-hostname={d.hostname}>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="flex items-center gap-3">
                <span className="font-medium">{d.hostname}</span>
                <DomainStatusBadge status={d.status} />
              </div>
              {canEdit && d.status === 'pending' ? (
                <Button
                  variant="outline"
                  size="sm"
                  disabled={verifyingId === d.id}
                  onClick={() => onVerify(d.id)}
                >
                  <RefreshCwIcon aria-hidden className={verifyingId === d.id ? 'animate-spin' : undefined} />
                  {verifyingId === d.id ? 'Checking DNS…' : 'Verify'}
                </Button>
              ) : null}
            </div>
            {d.status === 'pending' ? (
              <div className="grid gap-2 rounded-md border bg-muted/20 p-3 sm:grid-cols-[auto_1fr_2fr]">
                <CopyValue label="Type" value={d.verification.recordType} />
                <CopyValue label="Name" value={d.verification.recordName} />
                <CopyValue label="Value" value={d.verification.value} />
              </div>
            ) : null}
            {d.lastError ? (
              <p className="text-sm text-destructive" role="alert">
                {d.lastError}
              </p>
            ) : null}
            {d.lastCheckedAt ? (
              <p className="text-xs text-muted-foreground">Last checked {formatRelative(d.lastCheckedAt)}</p>
            ) : null}
          </Card>
        ))
      )}
    </div>
  );
}
