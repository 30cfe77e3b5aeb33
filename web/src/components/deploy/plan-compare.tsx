import { safeParsePlan } from '@mos/cloudhand/plan';
// Icons the app already ships only: every lucide icon shared by two chunks lands in the first route's chunk.
import { ArrowLeftIcon, ArrowRightIcon, LockIcon, XIcon } from 'lucide-react';
import { type CSSProperties, type ReactNode, useId, useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils';
import { diffLines, diffRows } from './line-diff';
import {
  changeCount,
  diffPlans,
  type FieldChange,
  type ItemChange,
  type PlanDiff,
  type Shown,
} from './plan-diff';

const CHANGE_BADGE = {
  added: ['success', 'Added'],
  removed: ['destructive', 'Removed'],
  changed: ['warning', 'Changed'],
} as const;

function ShownValue({ v }: { v: Shown | null }) {
  if (v === null) return <span className="text-muted-foreground italic">none</span>;
  if (v.kind === 'value') return <span className="text-muted-foreground italic">a value</span>;
  if (v.kind === 'secret')
    return (
      <code
        className="inline-flex items-center gap-0.5 rounded bg-primary/10 px-1 font-mono text-xs break-all text-primary"
        data-secret-ref={v.name}
      >
        <LockIcon className="size-3 shrink-0" aria-hidden />
        <span className="sr-only">secret </span>
        {v.name}
      </code>
    );
  return <code className="font-mono text-xs break-all">{v.text}</code>;
}

function FieldRow({ f }: { f: FieldChange }) {
  return (
    <li className="grid gap-x-3 gap-y-0.5 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]" data-field={f.field}>
      <span className="text-muted-foreground">{f.field}</span>
      {f.type === 'list' ? (
        <span className="flex min-w-0 flex-wrap items-center gap-1.5">
          {f.added.map((x) => (
            <code
              key={`+${x}`}
              className="rounded bg-success/12 px-1 font-mono text-xs break-all text-[oklch(0.4_0.11_160)]"
            >
              + {x}
            </code>
          ))}
          {f.removed.map((x) => (
            <code
              key={`-${x}`}
              className="rounded bg-destructive/10 px-1 font-mono text-xs break-all text-[oklch(0.45_0.19_27)] line-through decoration-1"
            >
              − {x}
            </code>
          ))}
        </span>
      ) : f.before !== null && f.before.kind === 'value' && f.after === null && f.field.startsWith('env ') ? (
        <span className="text-muted-foreground italic">value changed</span>
      ) : (
        <span className="flex min-w-0 flex-wrap items-center gap-1.5">
          <ShownValue v={f.before} />
          <ArrowRightIcon className="size-3.5 shrink-0 text-muted-foreground" aria-label="becomes" />
          <ShownValue v={f.after} />
        </span>
      )}
    </li>
  );
}

function Item({ item, children }: { item: ItemChange; children?: ReactNode }) {
  const [variant, label] = CHANGE_BADGE[item.change];
  return (
    <li
      className="grid gap-2 rounded-md border bg-background p-3"
      data-change={item.change}
      data-item={item.name}
    >
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <Badge variant={variant}>{label}</Badge>
        <span className="min-w-0 font-medium break-all">{item.name}</span>
        {item.about ? (
          <span className="min-w-0 font-mono text-xs break-all text-muted-foreground">{item.about}</span>
        ) : null}
      </div>
      {item.fields.length ? (
        <ul className="grid gap-1.5" aria-label={`Changes to ${item.name}`}>
          {item.fields.map((f) => (
            <FieldRow key={f.field} f={f} />
          ))}
        </ul>
      ) : null}
      {children}
    </li>
  );
}

function Group({ title, items }: { title: string; items: readonly ItemChange[] }) {
  if (!items.length) return null;
  return (
    <section className="grid gap-2" aria-label={title}>
      <h4 className="text-sm font-semibold">{title}</h4>
      <ul className="grid gap-2">
        {items.map((i) => (
          <Item key={`${i.change}:${i.name}`} item={i} />
        ))}
      </ul>
    </section>
  );
}

/** The structural summary of a `diffPlans` result, by resource. */
export function PlanDiffSummary({ diff }: { diff: PlanDiff }) {
  return (
    <div className="grid gap-4">
      {diff.plan.length ? (
        <section className="grid gap-2" aria-label="Plan">
          <h4 className="text-sm font-semibold">Plan</h4>
          <ul className="grid gap-1.5 rounded-md border bg-background p-3">
            {diff.plan.map((f) => (
              <FieldRow key={f.field} f={f} />
            ))}
          </ul>
        </section>
      ) : null}
      {diff.instances.length ? (
        <section className="grid gap-2" aria-label="Servers">
          <h4 className="text-sm font-semibold">Servers</h4>
          <ul className="grid gap-2">
            {diff.instances.map((i) => (
              <Item key={`${i.change}:${i.name}`} item={i}>
                {i.workloads.length ? (
                  <ul className="grid gap-2 border-l-2 pl-3" aria-label={`Workloads of ${i.name}`}>
                    {i.workloads.map((w) => (
                      <Item key={`${w.change}:${w.name}`} item={w} />
                    ))}
                  </ul>
                ) : null}
              </Item>
            ))}
          </ul>
        </section>
      ) : null}
      <Group title="Networks" items={diff.networks} />
      <Group title="Firewalls" items={diff.firewalls} />
      <Group title="Load balancers" items={diff.loadBalancers} />
      <Group title="DNS records" items={diff.dnsRecords} />
    </div>
  );
}

/** The line diff of two texts: added lines green, removed red, long unchanged stretches folded. */
/** `padding-left` and a negative `text-indent` of the line's leading spaces, in monospace columns. */
function hangingIndent(line: string): CSSProperties | undefined {
  const indent = line.length - line.trimStart().length;
  return indent ? { paddingLeft: `${indent}ch`, textIndent: `-${indent}ch` } : undefined;
}

export function LineDiffView({ before, after }: { before: string; after: string }) {
  const ops = useMemo(() => diffLines(before.split('\n'), after.split('\n')), [before, after]);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const rows = useMemo(() => diffRows(ops, 3, expanded), [ops, expanded]);
  const added = ops.filter((o) => o.type === 'add').length;
  const removed = ops.filter((o) => o.type === 'remove').length;
  return (
    <div className="grid gap-2">
      <p className="text-xs text-muted-foreground">
        <span className="font-medium text-[oklch(0.4_0.11_160)]">+{added}</span>{' '}
        <span className="font-medium text-[oklch(0.45_0.19_27)]">−{removed}</span> lines
      </p>
      <div className="overflow-hidden rounded-md border bg-background">
        <table className="w-full border-collapse font-mono text-xs leading-5" aria-label="Line diff">
          <thead className="sr-only">
            <tr>
              <th scope="col" className="hidden sm:table-cell">
                Old line
              </th>
              <th scope="col">Line</th>
              <th scope="col">Change</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, n) =>
              r.type === 'skip' ? (
                <tr key={`skip-${r.from}`} className="border-y bg-muted/50 first:border-t-0 last:border-b-0">
                  <td colSpan={4} className="p-0">
                    <button
                      type="button"
                      className="w-full px-3 py-1 text-left font-sans text-xs text-muted-foreground hover:bg-muted hover:text-foreground"
                      onClick={() => setExpanded((s) => new Set([...s, r.from]))}
                    >
                      … {r.count} unchanged lines
                    </button>
                  </td>
                </tr>
              ) : (
                <tr
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are recomputed as a whole; a line's text repeats
                  key={n}
                  data-line={r.type}
                  className={cn(
                    'align-top',
                    r.type === 'add' && 'bg-success/12',
                    r.type === 'remove' && 'bg-destructive/10',
                  )}
                >
                  <td className="hidden w-px px-2 text-right whitespace-nowrap text-muted-foreground select-none sm:table-cell">
                    {r.oldNo ?? ''}
                  </td>
                  <td className="w-px px-2 text-right whitespace-nowrap text-muted-foreground select-none">
                    {r.newNo ?? ''}
                  </td>
                  <td
                    className={cn(
                      'w-px pr-1.5 select-none',
                      r.type === 'add' && 'text-[oklch(0.4_0.11_160)]',
                      r.type === 'remove' && 'text-[oklch(0.45_0.19_27)]',
                    )}
                  >
                    {r.type === 'add' ? (
                      <>
                        +<span className="sr-only"> added</span>
                      </>
                    ) : r.type === 'remove' ? (
                      <>
                        −<span className="sr-only"> removed</span>
                      </>
                    ) : null}
                  </td>
                  <td
                    className="pr-3 break-all whitespace-pre-wrap"
                    // A hanging indent: a line wrapped on a narrow screen goes on at its own indentation, not at
                    // column 0 (the leading spaces stay in the text, so a copy keeps them).
                    style={hangingIndent(r.line)}
                  >
                    {r.line || ' '}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export type LoadedPlan = { plan: unknown } | 'loading' | { error: string };

/**
 * Two plan versions side by side: which to compare (any two), what changed by resource, and the JSON's lines.
 * The plans come as loaded by the page (`deploy.plan` with a version), so this is testable without the API.
 */
export function PlanCompare({
  versions,
  from,
  to,
  before,
  after,
  onChange,
  onClose,
  title = 'Compare plan versions',
}: {
  /** Every version of the project, any order. */
  versions: readonly number[];
  from: number;
  to: number;
  before: LoadedPlan;
  after: LoadedPlan;
  onChange: (from: number, to: number) => void;
  onClose: () => void;
  title?: string;
}) {
  const id = useId();
  const sorted = [...versions].sort((a, b) => b - a);
  const failed = [before, after].find((x): x is { error: string } => typeof x === 'object' && 'error' in x);
  // The plans themselves (stable references from the query cache), not their wrappers, decide a recompute.
  const beforePlan = typeof before === 'object' && 'plan' in before ? before.plan : undefined;
  const afterPlan = typeof after === 'object' && 'plan' in after ? after.plan : undefined;
  const result = useMemo(() => {
    if (beforePlan === undefined || afterPlan === undefined) return null;
    const a = safeParsePlan(beforePlan);
    const b = safeParsePlan(afterPlan);
    return {
      beforeText: JSON.stringify(beforePlan, null, 2),
      afterText: JSON.stringify(afterPlan, null, 2),
      diff: a.ok && b.ok ? diffPlans(a.plan, b.plan) : null,
    };
  }, [beforePlan, afterPlan]);
  const count = result?.diff ? changeCount(result.diff) : null;
  const sameText = result ? result.beforeText === result.afterText : false;
  return (
    <Card className="grid gap-5 p-4 sm:p-5" aria-labelledby={`${id}-title`} role="region">
      <div className="flex items-start justify-between gap-3">
        <div className="grid min-w-0 gap-1">
          <h3 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h3>
          <p className="text-sm text-muted-foreground">
            What changes from v{from} to v{to}.
          </p>
        </div>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close comparison">
          <XIcon aria-hidden /> Close
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-28 flex-1 gap-1.5 sm:flex-none">
          <Label htmlFor={`${id}-from`}>From</Label>
          <NativeSelect
            id={`${id}-from`}
            value={String(from)}
            onChange={(e) => onChange(Number(e.target.value), to)}
          >
            {sorted.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button
          variant="ghost"
          size="icon"
          className="shrink-0"
          onClick={() => onChange(to, from)}
          aria-label="Swap the versions"
          title="Swap the versions"
        >
          <span className="grid leading-none" aria-hidden>
            <ArrowRightIcon className="size-3.5" />
            <ArrowLeftIcon className="-mt-1 size-3.5" />
          </span>
        </Button>
        <div className="grid min-w-28 flex-1 gap-1.5 sm:flex-none">
          <Label htmlFor={`${id}-to`}>To</Label>
          <NativeSelect
            id={`${id}-to`}
            value={String(to)}
            onChange={(e) => onChange(from, Number(e.target.value))}
          >
            {sorted.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      {failed ? (
        <p role="alert" className="text-sm text-destructive">
          {failed.error}
        </p>
      ) : !result ? (
        <div className="grid gap-2" role="status" aria-label="Loading the versions">
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-48 w-full" />
        </div>
      ) : (
        <>
          <section className="grid gap-3" aria-label="Summary of changes">
            <h3 className="text-sm font-semibold tracking-wide text-muted-foreground uppercase">Summary</h3>
            {from === to || sameText ? (
              <p className="text-sm text-muted-foreground">
                {from === to ? 'The same version on both sides.' : `v${from} and v${to} are identical.`}
              </p>
            ) : !result.diff ? (
              <p className="text-sm text-muted-foreground">
                One of these versions no longer passes the plan model’s checks, so only its lines are
                compared.
              </p>
            ) : count === 0 ? (
              <p className="text-sm text-muted-foreground">
                No change to servers, workloads or other resources: only the JSON’s layout differs.
              </p>
            ) : (
              <>
                <p className="text-sm">
                  {count} {count === 1 ? 'resource changes' : 'resources change'}.
                </p>
                <PlanDiffSummary diff={result.diff} />
              </>
            )}
          </section>
          {sameText ? null : (
            <section className="grid gap-2" aria-label="Plan JSON">
              <h3 className="text-sm font-semibold tracking-wide text-muted-foreground uppercase">
                Plan JSON
              </h3>
              {/* Keyed by the pair: folds opened for one comparison mean nothing in another. */}
              <LineDiffView key={`${from}:${to}`} before={result.beforeText} after={result.afterText} />
            </section>
          )}
        </>
      )}
    </Card>
  );
}
