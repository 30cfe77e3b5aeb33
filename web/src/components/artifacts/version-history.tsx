import { useEffect, useState } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { formatRelative, humanize } from '@/lib/format';
import { type RouterInputs, trpc } from '@/lib/trpc';
import { ArtifactStatusBadge } from './artifact-status-badge';
import { DiffView } from './diff-view';

type Key = RouterInputs['artifacts']['versions'];

/** A document's versions, newest first, and a side-by-side diff of any two of them. */
export function VersionHistoryDialog({
  open,
  onOpenChange,
  artifactKey,
  title,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  artifactKey: Key;
  title: string;
}) {
  const versions = trpc.artifacts.versions.useQuery(artifactKey, { enabled: open });
  const rows = versions.data ?? [];
  const [leftId, setLeftId] = useState('');
  const [rightId, setRightId] = useState('');
  useEffect(() => {
    // Default: the previous version against the newest.
    if (rows.length > 0 && !rightId) {
      setRightId(rows[0]?.id ?? '');
      setLeftId((rows[1] ?? rows[0])?.id ?? '');
    }
  }, [rows, rightId]);

  const left = trpc.artifacts.get.useQuery({ id: leftId }, { enabled: open && Boolean(leftId) });
  const right = trpc.artifacts.get.useQuery({ id: rightId }, { enabled: open && Boolean(rightId) });
  const label = (id: string) => {
    const r = rows.find((x) => x.id === id);
    return r ? `v${r.version}` : '';
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-4xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{title}: version history</DialogTitle>
          <DialogDescription>Pick two versions to see what changed, field by field.</DialogDescription>
        </DialogHeader>
        {versions.isPending ? (
          <Skeleton className="h-40 w-full" />
        ) : rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">No versions yet.</p>
        ) : (
          <div className="grid gap-6">
            <ol className="divide-y rounded-md border text-sm" aria-label="Versions">
              {rows.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
                  <span className="w-10 font-medium tabular-nums">v{r.version}</span>
                  <ArtifactStatusBadge status={r.status} />
                  <span className="text-muted-foreground">{humanize(r.source)}</span>
                  <span className="ml-auto text-muted-foreground">{formatRelative(r.createdAt)}</span>
                </li>
              ))}
            </ol>
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="grid gap-2">
                <Label htmlFor="diff-left">Compare</Label>
                <NativeSelect id="diff-left" value={leftId} onChange={(e) => setLeftId(e.target.value)}>
                  {rows.map((r) => (
                    <option key={r.id} value={r.id}>
                      v{r.version} ({r.status})
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <div className="grid gap-2">
                <Label htmlFor="diff-right">With</Label>
                <NativeSelect id="diff-right" value={rightId} onChange={(e) => setRightId(e.target.value)}>
                  {rows.map((r) => (
                    <option key={r.id} value={r.id}>
                      v{r.version} ({r.status})
                    </option>
                  ))}
                </NativeSelect>
              </div>
            </div>
            {left.data && right.data ? (
              <DiffView
                before={left.data.data}
                after={right.data.data}
                beforeLabel={label(leftId)}
                afterLabel={label(rightId)}
              />
            ) : (
              <Skeleton className="h-40 w-full" />
            )}
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
