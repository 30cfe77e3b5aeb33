import { labelFor } from '@/components/schema-form/describe';
import { cn } from '@/lib/utils';

/** Keys that tie a document to its rows: noise for a reviewer. */
const HIDDEN_KEYS = new Set(['clientId', 'campaignId', 'orgId']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function titleOf(item: Record<string, unknown>): string | null {
  for (const k of ['name', 'title', 'label', 'headline', 'id']) {
    const v = item[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') {
    return <span className="text-muted-foreground">—</span>;
  }
  if (typeof value === 'boolean') return <span>{value ? 'Yes' : 'No'}</span>;
  if (typeof value === 'number') return <span className="tabular-nums">{value.toLocaleString()}</span>;
  const text = String(value);
  if (/^https?:\/\//i.test(text)) {
    return (
      <a
        href={text}
        target="_blank"
        rel="noreferrer"
        className="break-all text-primary underline-offset-4 hover:underline"
      >
        {text}
      </a>
    );
  }
  return <span className="whitespace-pre-wrap break-words">{text}</span>;
}

function Value({ value, depth }: { value: unknown; depth: number }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-muted-foreground">None</span>;
    const scalars = value.every((v) => !isRecord(v) && !Array.isArray(v));
    // Sentences (quotes, examples) read as a list; short values (tags, phrases) as chips.
    if (scalars && value.some((v) => String(v).length > 80)) {
      return (
        <ul className="grid list-disc gap-1 pl-5">
          {value.map((v, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: read-only rendering of a list that does not reorder
            <li key={i} className="whitespace-pre-wrap">
              {String(v)}
            </li>
          ))}
        </ul>
      );
    }
    if (scalars) {
      return (
        <ul className="flex flex-wrap gap-1.5">
          {value.map((v, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: read-only rendering of a list that does not reorder
              key={i}
              className="rounded-full bg-secondary px-2.5 py-0.5 text-xs font-medium text-secondary-foreground"
            >
              {String(v)}
            </li>
          ))}
        </ul>
      );
    }
    return (
      <ol className="grid gap-3">
        {value.map((v, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: read-only rendering of a list that does not reorder
            key={i}
            className="rounded-lg border bg-muted/20 p-3"
          >
            {isRecord(v) && titleOf(v) ? <p className="mb-2 text-sm font-semibold">{titleOf(v)}</p> : null}
            <Value value={v} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (isRecord(value)) return <ObjectView value={value} depth={depth} />;
  return <Scalar value={value} />;
}

const isBlock = (v: unknown) =>
  isRecord(v) || (Array.isArray(v) && v.some((x) => isRecord(x) || Array.isArray(x)));

/**
 * Top level: nested objects and lists of objects become titled sections, everything else a label / value row.
 * Deeper levels stack the label above the value so nesting never squeezes the text into a narrow column.
 */
function ObjectView({ value, depth }: { value: Record<string, unknown>; depth: number }) {
  const entries = Object.entries(value).filter(([k]) => !HIDDEN_KEYS.has(k));
  if (depth === 0) {
    return (
      <div className="grid gap-6">
        {entries.map(([k, v]) =>
          isBlock(v) ? (
            <section key={k} className="grid gap-3">
              <h4 className="border-b pb-1 text-sm font-semibold">{labelFor(k)}</h4>
              <Value value={v} depth={depth + 1} />
            </section>
          ) : (
            <div key={k} className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:gap-6">
              <p className="text-sm font-medium text-muted-foreground">{labelFor(k)}</p>
              <div className="min-w-0 text-sm">
                <Value value={v} depth={depth + 1} />
              </div>
            </div>
          ),
        )}
      </div>
    );
  }
  return (
    <dl className="grid gap-3">
      {entries.map(([k, v]) => (
        <div key={k} className={cn('grid gap-1', isBlock(v) && 'border-l-2 pl-3')}>
          <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{labelFor(k)}</dt>
          <dd className="min-w-0 text-sm">
            <Value value={v} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Any artifact document, rendered for reading: labelled fields, chips for short lists, cards for nested items. */
export function ArtifactView({ data }: { data: unknown }) {
  return (
    <div className="text-sm" data-testid="artifact-view">
      <Value value={data} depth={0} />
    </div>
  );
}
