import { ChevronDownIcon, ChevronRightIcon, DownloadIcon, InboxIcon } from 'lucide-react';
import { Fragment, type ReactNode, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatRelative } from '@/lib/format';
import { DeliveryStatusBadge } from './status-badges';
import type { LeadDeliveryView, LeadView } from './types';

/** The CSV as a link target: UTF-8 with a byte-order mark, so spreadsheet apps read accents right. */
export function csvHref(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}

/**
 * "Export CSV" asks the API for the funnel's leads as CSV, then offers the file as a download link (and follows
 * it once, so one click downloads).
 */
export function CsvExportButton({
  fetchCsv,
}: {
  /** The API's export: the CSV and the file name it suggests. */
  fetchCsv: () => Promise<{ csv: string; fileName: string; truncated: boolean }>;
}) {
  const [file, setFile] = useState<{ href: string; name: string; truncated: boolean } | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const run = async () => {
    setState('loading');
    try {
      const out = await fetchCsv();
      const next = { href: csvHref(out.csv), name: out.fileName, truncated: out.truncated };
      setFile(next);
      setState('idle');
      const a = document.createElement('a');
      a.href = next.href;
      a.download = next.name;
      a.click();
    } catch {
      setState('error');
    }
  };
  return (
    <div className="flex items-center gap-3">
      {file ? (
        <a href={file.href} download={file.name} className="text-sm text-primary hover:underline">
          {file.name}
        </a>
      ) : null}
      {file?.truncated ? (
        <span className="text-sm text-muted-foreground">
          The newest leads only: export older ones by date.
        </span>
      ) : null}
      {state === 'error' ? (
        <span role="alert" className="text-sm text-destructive">
          The export failed; try again.
        </span>
      ) : null}
      <Button variant="outline" disabled={state === 'loading'} onClick={() => void run()}>
        <DownloadIcon aria-hidden /> {state === 'loading' ? 'Exporting…' : 'Export CSV'}
      </Button>
    </div>
  );
}

export function DeliveryLog({ deliveries }: { deliveries: readonly LeadDeliveryView[] | undefined }) {
  if (!deliveries) return <p className="text-sm text-muted-foreground">Loading the delivery log…</p>;
  if (deliveries.length === 0) return <p className="text-sm text-muted-foreground">No delivery attempts.</p>;
  return (
    <ol className="space-y-1 text-sm" aria-label="Delivery log">
      {deliveries.map((d) => (
        <li key={d.id} className="flex flex-wrap gap-x-3">
          <span className="tabular-nums text-muted-foreground">#{d.attempt}</span>
          <span className={d.ok ? 'text-[oklch(0.45_0.11_160)]' : 'text-destructive'}>
            {d.ok ? 'Delivered' : 'Failed'}
            {d.httpStatus ? ` · HTTP ${d.httpStatus}` : ''}
          </span>
          {d.error ? <span className="text-destructive">{d.error}</span> : null}
          {d.durationMs !== null ? <span className="text-muted-foreground">{d.durationMs} ms</span> : null}
          <span className="text-muted-foreground">{formatRelative(d.createdAt)}</span>
        </li>
      ))}
    </ol>
  );
}

/** A lead's fields in one line: "first_name: Ada · phone: 0151…" (the email has its own column). */
export const fieldSummary = (fields: unknown) =>
  fields && typeof fields === 'object'
    ? Object.entries(fields as Record<string, unknown>)
        .filter(([k, v]) => k !== 'email' && (typeof v === 'string' || typeof v === 'number'))
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(' · ')
    : '';

export function LeadsPanel({
  leads,
  pageName,
  deliveryLog,
  actions,
}: {
  leads: readonly LeadView[];
  pageName: (pageId: string) => string;
  /** A lead's delivery log, rendered when its row is opened (the route loads it then). */
  deliveryLog: (leadId: string) => ReactNode;
  actions?: ReactNode;
}) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="grid gap-4">
      {actions ? <div className="flex justify-end">{actions}</div> : null}
      {leads.length === 0 ? (
        <EmptyState
          icon={InboxIcon}
          title="No leads yet"
          description="Form submissions on the published pages show here, with their delivery to the client’s webhook."
        />
      ) : (
        <Card className="overflow-hidden">
          <table className="w-full text-sm" aria-label="Leads">
            <thead className="bg-muted/60 text-left text-muted-foreground">
              <tr>
                <th className="w-8 px-3 py-2" />
                <th className="px-3 py-2 font-medium">Received</th>
                <th className="px-3 py-2 font-medium">Email</th>
                <th className="px-3 py-2 font-medium">Fields</th>
                <th className="px-3 py-2 font-medium">Page</th>
                <th className="px-3 py-2 font-medium">Delivery</th>
              </tr>
            </thead>
            <tbody>
              {leads.map((l) => (
                <Fragment key={l.id}>
                  <tr className="border-t" data-lead-email={l.email ?? ''}>
                    <td className="px-3 py-2">
                      <Button
                        variant="ghost"
                        size="icon"
                        className="size-7"
                        aria-expanded={open === l.id}
                        aria-label={`Delivery log of the lead from ${formatDate(l.createdAt)}`}
                        onClick={() => setOpen(open === l.id ? null : l.id)}
                      >
                        {open === l.id ? <ChevronDownIcon aria-hidden /> : <ChevronRightIcon aria-hidden />}
                      </Button>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap text-muted-foreground">
                      {formatRelative(l.createdAt)}
                    </td>
                    <td className="px-3 py-2 font-medium">{l.email ?? '—'}</td>
                    <td className="max-w-72 truncate px-3 py-2 text-muted-foreground">
                      {fieldSummary(l.fields) || '—'}
                    </td>
                    <td className="px-3 py-2">{pageName(l.pageId)}</td>
                    <td className="px-3 py-2">
                      <DeliveryStatusBadge status={l.deliveryStatus} />
                    </td>
                  </tr>
                  {open === l.id ? (
                    <tr className="bg-muted/20">
                      <td />
                      <td colSpan={5} className="px-3 py-3">
                        {deliveryLog(l.id)}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
