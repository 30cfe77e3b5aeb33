import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/utils';
import { type DiffEntry, diffJson, formatPath } from './json-diff';

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <span className="text-muted-foreground">—</span>;
  if (typeof value === 'string') return <span className="whitespace-pre-wrap break-words">{value}</span>;
  return (
    <code className="whitespace-pre-wrap break-words font-mono text-xs">
      {JSON.stringify(value, null, 2)}
    </code>
  );
}

const KIND_LABEL: Record<DiffEntry['kind'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};
const KIND_VARIANT = { added: 'success', removed: 'destructive', changed: 'warning' } as const;

/** Side-by-side, field-level comparison of two versions of a document. */
export function DiffView({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: unknown;
  after: unknown;
  beforeLabel: string;
  afterLabel: string;
}) {
  const entries = diffJson(before, after);
  if (entries.length === 0) {
    return (
      <p className="rounded-md border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">
        No differences between {beforeLabel} and {afterLabel}.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full min-w-[640px] table-fixed text-sm" aria-label="Differences">
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th className="w-1/4 px-3 py-2 font-medium">Field</th>
            <th className="px-3 py-2 font-medium">{beforeLabel}</th>
            <th className="px-3 py-2 font-medium">{afterLabel}</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {entries.map((e) => (
            <tr key={`${e.kind}:${formatPath(e.path)}`} data-kind={e.kind} className="align-top">
              <td className="px-3 py-2">
                <div className="font-mono text-xs break-all">{formatPath(e.path)}</div>
                <Badge variant={KIND_VARIANT[e.kind]} className="mt-1">
                  {KIND_LABEL[e.kind]}
                </Badge>
              </td>
              <td
                className={cn(
                  'px-3 py-2',
                  e.kind !== 'added' && 'bg-destructive/5',
                  e.kind === 'removed' && 'line-through decoration-destructive/50',
                )}
              >
                <Value value={e.before} />
              </td>
              <td className={cn('px-3 py-2', e.kind !== 'removed' && 'bg-success/8')}>
                <Value value={e.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
