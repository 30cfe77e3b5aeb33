import {
  META_ATTRIBUTION_WINDOWS,
  SNAPSHOT_CSV_FIELDS,
  type SnapshotCsvField,
  type SnapshotCsvMapping,
} from '@mos/db/contracts';
import { FileUpIcon, LinkIcon, UploadIcon } from 'lucide-react';
import { Fragment, useId, useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';
import { toast } from '@/components/ui/sonner';
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/errors';
import { cn } from '@/lib/utils';
import { AssetSelect, type LinkableAsset } from './ad-links';
import { type ParsedCsv, parseCsvText } from './csv';
import { formatInt } from './format';
import { type ArmLabels, armName } from './plan-card';
import type { CsvImportInput, CsvImportResult, CsvPreview, CsvPreviewInput } from './types';

export const FIELD_LABEL: Record<SnapshotCsvField, string> = {
  date: 'Day (or window start)',
  dateTo: 'Window end',
  adId: 'Platform ad id',
  assetId: 'MOS asset id',
  impressions: 'Impressions',
  clicks: 'Clicks',
  conversions: 'Conversions',
  spend: 'Spend',
  revenue: 'Revenue',
};
/** Column heads of the preview table, short so the numbers fit. */
const SHORT_LABEL: Record<SnapshotCsvField, string> = {
  date: 'Day',
  dateTo: 'To',
  adId: 'Ad id',
  assetId: 'Asset id',
  impressions: 'Impr.',
  clicks: 'Clicks',
  conversions: 'Conv.',
  spend: 'Spend',
  revenue: 'Revenue',
};
const REQUIRED: ReadonlySet<SnapshotCsvField> = new Set(['date']);
const MAX_LISTED_ERRORS = 30;

type Step =
  | { kind: 'pick' }
  | {
      kind: 'map';
      fileName: string;
      parsed: ParsedCsv;
      mapping: SnapshotCsvMapping | null;
      preview: CsvPreview | null;
    };

/**
 * A performance export (Meta, Google, a spreadsheet) as snapshots: the file is parsed here, in the browser, and only
 * its cells go to the API, which suggests a column mapping, validates every row and answers with a preview and
 * each row's error; nothing is written until Import, and then in one transaction.
 */
export function CsvUploadDialog({
  open,
  onOpenChange,
  clientId,
  experimentId,
  labels = {},
  preview,
  importRows,
  onImported,
  linkAd,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  clientId: string;
  experimentId?: string;
  labels?: ArmLabels;
  preview: (input: CsvPreviewInput) => Promise<CsvPreview>;
  importRows: (input: CsvImportInput) => Promise<CsvImportResult>;
  onImported?: (result: CsvImportResult) => void;
  /** Lets an operator link an unlinked ad id to an asset from its row (then the preview runs again). */
  linkAd?: {
    assets: readonly LinkableAsset[];
    link: (externalAdId: string, assetId: string) => Promise<void>;
  };
}) {
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'parse' | 'preview' | 'import' | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const request = useRef(0);

  const payload = (fileName: string, parsed: ParsedCsv) => ({
    clientId,
    ...(experimentId ? { experimentId } : {}),
    fileName,
    headers: parsed.headers,
    rows: parsed.rows,
  });

  const runPreview = async (fileName: string, parsed: ParsedCsv, mapping: SnapshotCsvMapping | null) => {
    const id = ++request.current;
    setBusy('preview');
    setError(null);
    try {
      const p = await preview({ ...payload(fileName, parsed), ...(mapping ? { mapping } : {}) });
      if (id !== request.current) return;
      setStep({ kind: 'map', fileName, parsed, mapping: p.mapping, preview: p });
    } catch (err) {
      if (id === request.current) setError(errorMessage(err));
    } finally {
      if (id === request.current) setBusy(null);
    }
  };

  const pickFile = async (file: File) => {
    setBusy('parse');
    setError(null);
    setSkipInvalid(false);
    const parsed = await parseCsvText(await file.text());
    setBusy(null);
    if (parsed.problems.length) {
      setStep({ kind: 'pick' });
      setError(parsed.problems.join(' '));
      return;
    }
    setStep({ kind: 'map', fileName: file.name, parsed, mapping: null, preview: null });
    await runPreview(file.name, parsed, null);
  };

  const setColumn = (field: SnapshotCsvField | 'attributionWindow', value: string) => {
    if (step.kind !== 'map' || !step.mapping) return;
    const mapping = { ...step.mapping, [field]: value || null } as SnapshotCsvMapping;
    if (field === 'date' && !value) return;
    setStep({ ...step, mapping });
    void runPreview(step.fileName, step.parsed, mapping);
  };

  const linkAndRecheck = async (externalAdId: string, assetId: string) => {
    if (!linkAd || step.kind !== 'map') return;
    await linkAd.link(externalAdId, assetId);
    await runPreview(step.fileName, step.parsed, step.mapping);
  };

  const doImport = async () => {
    if (step.kind !== 'map' || !step.mapping) return;
    setBusy('import');
    setError(null);
    try {
      const r = await importRows({
        ...payload(step.fileName, step.parsed),
        mapping: step.mapping,
        ...(skipInvalid ? { skipInvalidRows: true } : {}),
      });
      toast.success(
        `Imported ${formatInt(r.imported)} row${r.imported === 1 ? '' : 's'}${r.revised ? `, ${formatInt(r.revised)} revised` : ''}`,
      );
      onImported?.(r);
      close(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const close = (next: boolean) => {
    if (!next) {
      request.current++;
      setStep({ kind: 'pick' });
      setError(null);
      setBusy(null);
      setSkipInvalid(false);
    }
    onOpenChange(next);
  };

  const p = step.kind === 'map' ? step.preview : null;
  const invalid = p ? p.totalRows - p.validRows : 0;
  const canImport = Boolean(p && p.validRows > 0 && (invalid === 0 || skipInvalid) && busy === null);

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="max-h-[calc(100vh-2rem)] max-w-5xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Upload performance snapshots (CSV)</DialogTitle>
          <DialogDescription>
            One row per ad and day (or window), from the ad platform’s export. The file is read in your
            browser; nothing is saved until you import.
          </DialogDescription>
        </DialogHeader>

        {step.kind === 'pick' ? (
          <label
            htmlFor="csv-file"
            className="flex cursor-pointer flex-col items-center gap-2 rounded-md border border-dashed p-8 text-center text-sm hover:bg-muted/40"
          >
            <FileUpIcon className="size-6 text-muted-foreground" aria-hidden />
            <span className="font-medium">
              {busy === 'parse' ? 'Reading the file…' : 'Choose a CSV file'}
            </span>
            <span className="text-muted-foreground">
              Up to 20,000 rows; a header row with column names first.
            </span>
            <input
              id="csv-file"
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              aria-label="CSV file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void pickFile(file);
              }}
            />
          </label>
        ) : (
          <div className="grid gap-5">
            <p className="text-sm">
              <span className="font-medium">{step.fileName}</span>{' '}
              <span className="text-muted-foreground">
                · {formatInt(step.parsed.rows.length)} rows · {step.parsed.headers.length} columns
              </span>{' '}
              <Button
                variant="link"
                size="sm"
                className="h-auto p-0"
                onClick={() => setStep({ kind: 'pick' })}
              >
                Choose another file
              </Button>
            </p>
            {step.mapping ? (
              <MappingForm
                headers={step.parsed.headers}
                mapping={step.mapping}
                onChange={setColumn}
                disabled={busy === 'import'}
              />
            ) : null}
            {p ? (
              <PreviewSection
                preview={p}
                mapping={step.mapping}
                labels={labels}
                loading={busy === 'preview'}
                {...(linkAd ? { linkAssets: linkAd.assets, onLink: linkAndRecheck } : {})}
              />
            ) : busy === 'preview' ? (
              <p className="text-sm text-muted-foreground" role="status">
                Checking the rows…
              </p>
            ) : null}
            {p && invalid > 0 && p.validRows > 0 ? (
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={skipInvalid}
                  onChange={(e) => setSkipInvalid(e.target.checked)}
                />
                Skip the {formatInt(invalid)} row{invalid === 1 ? '' : 's'} with errors and import the other{' '}
                {formatInt(p.validRows)}
              </label>
            ) : null}
          </div>
        )}

        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => close(false)}>
            Cancel
          </Button>
          {step.kind === 'map' ? (
            <Button disabled={!canImport} onClick={() => void doImport()}>
              <UploadIcon aria-hidden />
              {busy === 'import'
                ? 'Importing…'
                : !p
                  ? 'Import'
                  : p.validRows === 0
                    ? 'No valid row to import'
                    : invalid > 0 && !skipInvalid
                      ? `Fix or skip the ${formatInt(invalid)} invalid row${invalid === 1 ? '' : 's'}`
                      : `Import ${formatInt(skipInvalid ? p.validRows : p.totalRows)} rows`}
            </Button>
          ) : null}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function MappingForm({
  headers,
  mapping,
  onChange,
  disabled,
}: {
  headers: string[];
  mapping: SnapshotCsvMapping;
  onChange: (field: SnapshotCsvField | 'attributionWindow', value: string) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="grid gap-3" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">Columns</legend>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {SNAPSHOT_CSV_FIELDS.map((f) => (
          <FormField key={f} id={`map-${f}`} label={FIELD_LABEL[f]}>
            <NativeSelect
              id={`map-${f}`}
              value={mapping[f] ?? ''}
              onChange={(e) => onChange(f, e.target.value)}
            >
              <option value="" disabled={REQUIRED.has(f)}>
                {REQUIRED.has(f) ? '— choose a column —' : '— not in the file —'}
              </option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        ))}
        <FormField id="map-attribution" label="Attribution window">
          <NativeSelect
            id="map-attribution"
            value={mapping.attributionWindow ?? ''}
            onChange={(e) => onChange('attributionWindow', e.target.value)}
          >
            <option value="">Not stated</option>
            {/* Suggested from the export's "Attribution setting" column, e.g. 7d_click,1d_view. */}
            {mapping.attributionWindow &&
            !(META_ATTRIBUTION_WINDOWS as readonly string[]).includes(mapping.attributionWindow) ? (
              <option value={mapping.attributionWindow}>
                {mapping.attributionWindow.replaceAll('_', ' ')}
              </option>
            ) : null}
            {META_ATTRIBUTION_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w.replace('_', ' ')}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
    </fieldset>
  );
}

const fieldLabel = (field: string) => (FIELD_LABEL as Record<string, string | undefined>)[field] ?? field;

const cell = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'number' ? v.toLocaleString() : v;

function PreviewSection({
  preview,
  mapping,
  labels,
  loading,
  linkAssets,
  onLink,
}: {
  preview: CsvPreview;
  mapping: SnapshotCsvMapping | null;
  labels: ArmLabels;
  loading: boolean;
  linkAssets?: readonly LinkableAsset[];
  onLink?: (externalAdId: string, assetId: string) => Promise<void>;
}) {
  const shown = SNAPSHOT_CSV_FIELDS.filter((f) => mapping?.[f]);
  const invalid = preview.totalRows - preview.validRows;
  // Every problem of a row, each with its column's name (the row's `error` holds only the first, by field id).
  const problems = new Map<number, string[]>();
  for (const e of preview.errors)
    problems.set(e.line, [...(problems.get(e.line) ?? []), `${fieldLabel(e.field)}: ${e.message}`]);
  // Lines whose ad id is linked to no asset: the row offers to link it (by the error's reason, not its wording).
  const unlinked = new Set(preview.errors.filter((e) => e.reason === 'ad_not_linked').map((e) => e.line));
  return (
    <section className={cn('grid gap-3', loading && 'opacity-60')} aria-label="Preview" aria-busy={loading}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">Preview</span>
        <Badge variant="success">{formatInt(preview.validRows)} valid</Badge>
        {invalid > 0 ? <Badge variant="destructive">{formatInt(invalid)} with errors</Badge> : null}
        <span className="text-muted-foreground">
          first {Math.min(preview.rows.length, preview.totalRows)} of {formatInt(preview.totalRows)} rows
        </span>
      </div>
      {/* Focusable so keyboard users can scroll the preview (axe: scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard */}
      <div className="max-h-80 overflow-auto rounded-md border" tabIndex={0}>
        {/* A bare <table>: the outer box scrolls both ways, so Table's own horizontal scroller would be a second region. */}
        <table aria-label="Parsed rows" className="w-full caption-bottom text-sm">
          <TableHeader className="sticky top-0 bg-card">
            <TableRow className="hover:bg-transparent">
              <TableHead className="w-14">Line</TableHead>
              {shown.map((f) => (
                <TableHead key={f}>{SHORT_LABEL[f]}</TableHead>
              ))}
              <TableHead>Arm</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className="tabular-nums">
            {preview.rows.map((r) => (
              <Fragment key={r.line}>
                <TableRow
                  data-line={r.line}
                  className={cn(r.error && 'border-b-0 bg-destructive/5 hover:bg-destructive/10')}
                  aria-invalid={r.error ? true : undefined}
                >
                  <TableCell className="text-muted-foreground">{r.line}</TableCell>
                  {shown.map((f) => (
                    <TableCell key={f} className="whitespace-nowrap">
                      {cell(r.values[f])}
                    </TableCell>
                  ))}
                  <TableCell>
                    {r.armId ? armName(labels, r.armId) : r.assetId ? 'asset (no arm)' : '—'}
                  </TableCell>
                </TableRow>
                {r.error ? (
                  // The row's problem on a line of its own under it, the full width of the table.
                  <TableRow className="bg-destructive/5 hover:bg-destructive/10">
                    <TableCell />
                    <TableCell colSpan={shown.length + 1} className="pt-0 text-[oklch(0.48_0.19_27)]">
                      {problems.get(r.line)?.join(' · ') ?? r.error}
                      {onLink && linkAssets && unlinked.has(r.line) && typeof r.values.adId === 'string' ? (
                        <LinkAdInline adId={r.values.adId} assets={linkAssets} onLink={onLink} />
                      ) : null}
                    </TableCell>
                  </TableRow>
                ) : null}
              </Fragment>
            ))}
          </TableBody>
        </table>
      </div>
      {preview.errors.length > 0 ? (
        <div className="grid gap-1.5">
          <span className="text-sm font-medium">Rows with errors</span>
          <ul className="grid gap-0.5 text-sm" aria-label="Row errors">
            {preview.errors.slice(0, MAX_LISTED_ERRORS).map((e) => (
              <li key={`${e.line}:${e.field}`}>
                <span className="text-muted-foreground">Line {e.line}</span> · {fieldLabel(e.field)}:{' '}
                {e.message}
              </li>
            ))}
          </ul>
          {preview.errors.length > MAX_LISTED_ERRORS ? (
            <span className="text-xs text-muted-foreground">
              and {formatInt(preview.errors.length - MAX_LISTED_ERRORS)} more
            </span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** "Link to asset…" under a row whose ad id is not linked: pick the asset, link, and the preview runs again. */
function LinkAdInline({
  adId,
  assets,
  onLink,
}: {
  adId: string;
  assets: readonly LinkableAsset[];
  onLink: (externalAdId: string, assetId: string) => Promise<void>;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [assetId, setAssetId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <Button variant="link" size="sm" className="ml-2 h-auto p-0" onClick={() => setOpen(true)}>
        <LinkIcon aria-hidden /> Link to asset…<span className="sr-only"> for ad {adId}</span>
      </Button>
    );
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onLink(adId, assetId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset
      className="mt-1.5 flex flex-wrap items-center gap-2 text-foreground"
      aria-label={`Link ad ${adId}`}
    >
      <div className="w-72">
        <AssetSelect
          id={id}
          assets={assets}
          value={assetId}
          onChange={setAssetId}
          label={`Asset for ad ${adId}`}
        />
      </div>
      <Button size="sm" disabled={!assetId || busy} onClick={() => void submit()}>
        {busy ? 'Linking…' : 'Link'}
      </Button>
      <Button size="sm" variant="ghost" disabled={busy} onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {error ? (
        <span role="alert" className="text-destructive">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
