import { HistoryIcon, RotateCcwIcon } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
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
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatRelative } from '@/lib/format';
import type { PublicationView } from './types';

/** Every publication, newest first; an earlier one can be made live again (its stored HTML, unchanged). */
export function PublicationsPanel({
  publications,
  canEdit,
  pending,
  onRollback,
}: {
  publications: readonly PublicationView[];
  canEdit: boolean;
  pending: boolean;
  onRollback: (publicationId: string) => Promise<unknown>;
}) {
  const [confirm, setConfirm] = useState<PublicationView | null>(null);
  if (publications.length === 0)
    return (
      <EmptyState
        icon={HistoryIcon}
        title="Not published yet"
        description="Each publish renders every page once and keeps it; earlier publications can be made live again."
      />
    );
  return (
    <>
      <Card className="overflow-hidden">
        <ul aria-label="Publications" className="divide-y">
          {publications.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="flex items-center gap-3">
                <span className="font-medium tabular-nums">Publication {p.number}</span>
                {p.active ? <Badge variant="success">Live</Badge> : null}
                <span className="text-sm text-muted-foreground" title={formatDate(p.createdAt)}>
                  {formatRelative(p.createdAt)} · enters at /{p.entrySlug}
                </span>
              </div>
              {canEdit && !p.active ? (
                <Button variant="outline" size="sm" onClick={() => setConfirm(p)}>
                  <RotateCcwIcon aria-hidden /> Roll back to this
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
      <Dialog open={confirm !== null} onOpenChange={(o) => (o ? null : setConfirm(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Roll back to publication {confirm?.number}?</DialogTitle>
            <DialogDescription>
              Visitors get the pages exactly as publication {confirm?.number} rendered them, from now on.
              Drafts and approvals stay as they are; publish again to go forward.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button
              disabled={pending}
              onClick={() => {
                if (confirm) void onRollback(confirm.id).then(() => setConfirm(null));
              }}
            >
              {pending ? 'Rolling back…' : 'Roll back'}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
