import { DownloadIcon, FileClockIcon, HistoryIcon, Undo2Icon } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDuration, formatRelative, humanize } from '@/lib/format';
import { durationOf, RunStatusBadge } from './run-view';
import { type DeployRunView, type PlanVersionView, shortId } from './types';

/** Runs that can be rolled back to: succeeded, and not the newest succeeded run (which is what is live). */
export function rollbackTargets(runs: readonly DeployRunView[]): Set<string> {
  const ok = runs
    .filter((r) => r.status === 'succeeded')
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return new Set(ok.slice(1).map((r) => r.id));
}

export function RunsHistory({
  runs,
  selectedId,
  onSelect,
  onRollback,
  busy,
}: {
  runs: readonly DeployRunView[];
  selectedId: string | null;
  onSelect: (runId: string) => void;
  onRollback: (runId: string) => Promise<unknown>;
  /** A run is queued or running: a rollback would queue behind it, so it says so. */
  busy: boolean;
}) {
  const [confirm, setConfirm] = useState<DeployRunView | null>(null);
  const targets = rollbackTargets(runs);
  if (runs.length === 0)
    return (
      <EmptyState
        icon={HistoryIcon}
        title="No runs yet"
        description="Apply the plan to create the servers and deploy its workloads; every run is listed here."
      />
    );
  return (
    <>
      <div className="overflow-x-auto rounded-md border">
        <Table aria-label="Deploy runs">
          <TableHeader>
            <TableRow>
              <TableHead>Run</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Plan</TableHead>
              <TableHead>Duration</TableHead>
              <TableHead>Started</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.map((r) => {
              const ms = durationOf(r.startedAt, r.finishedAt, Date.now());
              return (
                <TableRow
                  key={r.id}
                  data-state={selectedId === r.id ? 'selected' : undefined}
                  data-run-row={r.id}
                >
                  <TableCell>
                    <button
                      type="button"
                      className="font-mono text-xs text-primary hover:underline"
                      onClick={() => onSelect(r.id)}
                      aria-label={`Show run ${shortId(r.id)}`}
                    >
                      {shortId(r.id)}
                    </button>
                    <span className="ml-2 text-xs text-muted-foreground">
                      {r.kind === 'rollback'
                        ? `rollback${r.rollbackOfRunId ? ` to ${shortId(r.rollbackOfRunId)}` : ''}`
                        : 'apply'}
                    </span>
                  </TableCell>
                  <TableCell>
                    <RunStatusBadge status={r.status} />
                  </TableCell>
                  <TableCell className="text-sm">
                    {r.planVersion === null ? '—' : `v${r.planVersion}`}
                  </TableCell>
                  <TableCell className="font-mono text-xs">
                    {ms === null ? '—' : r.finishedAt ? formatDuration(ms) : '…'}
                  </TableCell>
                  <TableCell className="text-sm text-muted-foreground">
                    {formatRelative(r.createdAt)}
                    {r.requestedBy ? ` · ${r.requestedBy}` : ''}
                  </TableCell>
                  <TableCell className="text-right">
                    {targets.has(r.id) ? (
                      <Button
                        variant="outline"
                        size="sm"
                        onClick={() => setConfirm(r)}
                        aria-label={`Roll back to run ${shortId(r.id)}`}
                      >
                        <Undo2Icon aria-hidden /> Roll back
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <Dialog open={confirm !== null} onOpenChange={(o) => (o ? null : setConfirm(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Roll back to run {confirm ? shortId(confirm.id) : ''}?</DialogTitle>
            <DialogDescription>
              Every workload is switched back to the release that run deployed
              {confirm?.planVersion != null ? ` (plan v${confirm.planVersion})` : ''} and nginx is reloaded.
              No servers are created or destroyed.
              {busy ? ' A run is in progress: the rollback waits behind it.' : ''}
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button
              onClick={() => {
                const r = confirm;
                setConfirm(null);
                if (r) void onRollback(r.id);
              }}
            >
              <Undo2Icon aria-hidden /> Roll back
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}

export function PlanVersions({
  versions,
  current,
  onExport,
  onLoad,
  onCompare,
}: {
  versions: readonly PlanVersionView[];
  current: number | null;
  onExport: (version: number) => void;
  /** Puts that version's JSON into the editor (saving it makes it the newest version). */
  onLoad: (version: number) => void;
  /** Opens the comparison of two versions (older first). */
  onCompare: (from: number, to: number) => void;
}) {
  if (versions.length === 0)
    return (
      <EmptyState
        icon={FileClockIcon}
        title="No plan yet"
        description="Bootstrap or paste a plan to start."
      />
    );
  // The version each one is compared with: the next older one the list has.
  const older = new Map<number, number>();
  const desc = versions.map((v) => v.version).sort((a, b) => b - a);
  desc.forEach((v, i) => {
    const prev = desc[i + 1];
    if (prev !== undefined) older.set(v, prev);
  });
  return (
    <div className="grid gap-3">
      {desc.length > 1 ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-muted-foreground">
            {desc.length} versions; every save, patch and publish makes a new one.
          </p>
          <Button
            variant="outline"
            size="sm"
            onClick={() => onCompare(desc[1] ?? desc[0] ?? 1, desc[0] ?? 1)}
          >
            Compare versions…
          </Button>
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-md border">
        <Table aria-label="Plan versions">
          {/* Narrow screens: each version is a small card (version and source, then its actions), without headings. */}
          <TableHeader className="max-sm:hidden">
            <TableRow>
              <TableHead>Version</TableHead>
              <TableHead>Source</TableHead>
              <TableHead className="hidden sm:table-cell">Saved</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {versions.map((v) => (
              <TableRow
                key={v.version}
                data-version={v.version}
                className="max-sm:grid max-sm:grid-cols-[6rem_minmax(0,1fr)]"
              >
                <TableCell className="font-medium">
                  v{v.version}
                  {v.version === current ? (
                    <span className="ml-2 text-xs font-normal text-muted-foreground">current</span>
                  ) : null}
                </TableCell>
                <TableCell className="text-sm">
                  {humanize(v.source)}
                  {v.note ? <span className="block text-xs text-muted-foreground">{v.note}</span> : null}
                  {/* Narrow screens have no Saved column: when and who go under the source. */}
                  <span className="mt-1 block text-xs text-muted-foreground sm:hidden">
                    {formatRelative(v.createdAt)}
                    {v.createdBy ? ` · ${v.createdBy}` : ''}
                  </span>
                </TableCell>
                <TableCell className="hidden text-sm text-muted-foreground sm:table-cell">
                  {formatRelative(v.createdAt)}
                  {v.createdBy ? ` · ${v.createdBy}` : ''}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap max-sm:col-span-2 max-sm:pt-0">
                  <div className="flex flex-wrap items-center justify-end gap-1 max-sm:-ml-3 max-sm:justify-start">
                    {older.has(v.version) ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => onCompare(older.get(v.version) ?? 1, v.version)}
                      >
                        Compare with v{older.get(v.version)}
                      </Button>
                    ) : null}
                    {v.version !== current ? (
                      <Button variant="ghost" size="sm" onClick={() => onLoad(v.version)}>
                        Open in editor
                      </Button>
                    ) : null}
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => onExport(v.version)}
                      aria-label={`Export plan v${v.version}`}
                    >
                      <DownloadIcon aria-hidden /> <span className="max-sm:sr-only">Export</span>
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

/** Saves `json` as a file named `name` (the export for `ch apply --plan <file>`). */
export function downloadJson(name: string, json: unknown): void {
  const blob = new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
