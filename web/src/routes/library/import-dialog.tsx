import { CheckCircle2Icon, UploadIcon } from 'lucide-react';
import { type ChangeEvent, useState } from 'react';
import { type ImportTotals, importInBatches, parseExport } from '@/components/swipes/import-batches';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { toast } from '@/components/ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/errors';
import { trpc } from '@/lib/trpc';

type State =
  | { step: 'idle' }
  | { step: 'importing'; done: number; total: number; file: string }
  | { step: 'done'; report: ImportTotals; file: string }
  | { step: 'failed'; message: string; done: number; total: number };

function Progress({ done, total }: { done: number; total: number }) {
  const pct = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <div className="grid gap-1.5">
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${done} of ${total} ads`}
        className="h-2 overflow-hidden rounded-full bg-secondary"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-muted-foreground tabular-nums">
        {done} of {total} ads · {pct}%
      </p>
    </div>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-md border p-3 text-center">
      <p className="text-2xl font-semibold tabular-nums">{value}</p>
      <p className="text-xs text-muted-foreground">{label}</p>
    </div>
  );
}

/** Imports an ad-library export file in batches with a determinate progress bar, then a per-row report. */
export function ImportDialog() {
  const utils = trpc.useUtils();
  const importBatch = trpc.swipes.company.import.useMutation({ meta: { silent: true } });
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<State>({ step: 'idle' });

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    let parsed: ReturnType<typeof parseExport>;
    try {
      parsed = parseExport(await file.text());
    } catch (err) {
      setState({ step: 'failed', message: errorMessage(err), done: 0, total: 0 });
      return;
    }
    const { envelope, ads } = parsed;
    let done = 0;
    setState({ step: 'importing', done: 0, total: ads.length, file: file.name });
    try {
      const report = await importInBatches(
        ads,
        (batch) => importBatch.mutateAsync({ export: { ...envelope, ads: batch } }),
        (d, total) => {
          done = d;
          setState({ step: 'importing', done: d, total, file: file.name });
        },
      );
      setState({ step: 'done', report, file: file.name });
      await Promise.all([utils.swipes.company.list.invalidate(), utils.swipes.brands.list.invalidate()]);
    } catch (err) {
      // Batches already sent stay imported (the import is idempotent), so re-running the file is safe.
      setState({ step: 'failed', message: errorMessage(err), done, total: ads.length });
      toast.error(errorMessage(err));
    }
  }

  const busy = state.step === 'importing';
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (busy) return;
        setOpen(o);
        if (!o) setState({ step: 'idle' });
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">
          <UploadIcon aria-hidden />
          Import
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>Import an ad-library export</DialogTitle>
          <DialogDescription>
            Choose the JSON file your ad-library tool exported. Ads already in the library are updated, not
            duplicated; malformed rows are skipped and listed with their reasons.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="swipe-import-file">Export file (.json)</Label>
          <input
            id="swipe-import-file"
            type="file"
            accept="application/json,.json"
            disabled={busy}
            onChange={(e) => void onFile(e)}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-card file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </div>
        {state.step === 'importing' ? (
          <div className="grid gap-2">
            <p className="text-sm">Importing {state.file}…</p>
            <Progress done={state.done} total={state.total} />
          </div>
        ) : null}
        {state.step === 'failed' ? (
          <div
            role="alert"
            className="grid gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm"
          >
            <p className="font-medium text-destructive">The import stopped</p>
            <p>{state.message}</p>
            {state.total > 0 ? (
              <p className="text-muted-foreground">
                {state.done} of {state.total} ads were imported before it stopped; importing the file again is
                safe.
              </p>
            ) : null}
          </div>
        ) : null}
        {state.step === 'done' ? (
          <div className="grid gap-4">
            <Progress done={state.report.total} total={state.report.total} />
            <p className="flex items-center gap-2 text-sm font-medium">
              <CheckCircle2Icon aria-hidden className="size-4 text-success" />
              {state.file}: {state.report.total} ads processed
            </p>
            <section className="grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label="Import summary">
              <Count label="Inserted" value={state.report.inserted} />
              <Count label="Updated" value={state.report.updated} />
              <Count label="Unchanged" value={state.report.unchanged} />
              <Count label="Rejected" value={state.report.rejected.length} />
            </section>
            {state.report.rejected.length > 0 ? (
              <div className="max-h-64 overflow-auto rounded-md border">
                <Table aria-label="Rejected rows">
                  <TableHeader>
                    <TableRow className="hover:bg-transparent">
                      <TableHead className="w-16">Row</TableHead>
                      <TableHead className="w-40">External id</TableHead>
                      <TableHead>Reasons</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {state.report.rejected.map((r) => (
                      <TableRow key={r.index}>
                        <TableCell className="tabular-nums">{r.index + 1}</TableCell>
                        <TableCell className="font-mono text-xs">{r.externalId ?? '—'}</TableCell>
                        <TableCell>
                          <ul className="grid gap-0.5 text-sm">
                            {r.reasons.map((reason) => (
                              <li key={reason}>{reason}</li>
                            ))}
                          </ul>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            ) : null}
          </div>
        ) : null}
        <DialogFooter>
          <Button variant="outline" disabled={busy} onClick={() => setOpen(false)}>
            {state.step === 'done' ? 'Done' : 'Close'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
